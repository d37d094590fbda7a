namespace Xmmutablemap.Documents;

/// <summary>
/// Converts a model value (as readers produce it: <see cref="long"/>, <see cref="ulong"/>, <see cref="double"/>,
/// ...) to the key or value type of a typed map, only where nothing is lost: an integer into any integer type
/// it fits, a float into <see cref="float"/> when exact. An integer never becomes a float, nor a float an
/// integer, nor text a number.
/// </summary>
/// <example>
/// <code>
/// ModelConversions.TryConvert&lt;int&gt;(7L, out int i);        // true, 7
/// ModelConversions.TryConvert&lt;int&gt;(1L &lt;&lt; 40, out _);    // false: does not fit
/// ModelConversions.TryConvert&lt;double&gt;(1L, out _);        // false: an integer is not a float
/// </code>
/// </example>
public static class ModelConversions
{
    /// <summary>Converts <paramref name="value"/> to <typeparamref name="T"/> without loss, or returns false.</summary>
    public static bool TryConvert<T>(object? value, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T result)
    {
        if (value is T typed)
        {
            result = typed;
            return true;
        }
        if (value is null && default(T) is null)
        {
            result = default!;
            return true;
        }
        if (ModelValue.TryGetInteger(value, out var integer) && TryInteger(integer, out result)) return true;
        if (typeof(T) == typeof(float) && value is double d && ((double)(float)d == d || double.IsNaN(d)))
        {
            result = (T)(object)(float)d;
            return true;
        }
        result = default;
        return false;
    }

    /// <summary>Converts <paramref name="value"/> to <typeparamref name="T"/> without loss.</summary>
    /// <exception cref="DocumentException">It does not fit; the message names the value and the type.</exception>
    public static T Convert<T>(object? value, DocumentPath path, DocumentPosition position = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TryConvert<T>(value, out var result)
            ? result
            : throw new DocumentException($"{DocumentException.Excerpt(ModelValue.Format(value))} does not fit {typeof(T).Name}", path.ToString(), position);
    }

    private static bool TryInteger<T>(Int128 value, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T result)
    {
        // One branch per integer type: no Convert.ChangeType, so this works under trimming and native AOT.
        object? boxed = null;
        if (typeof(T) == typeof(long) || typeof(T) == typeof(long?)) { if (value >= long.MinValue && value <= long.MaxValue) boxed = (long)value; }
        else if (typeof(T) == typeof(int) || typeof(T) == typeof(int?)) { if (value >= int.MinValue && value <= int.MaxValue) boxed = (int)value; }
        else if (typeof(T) == typeof(short) || typeof(T) == typeof(short?)) { if (value >= short.MinValue && value <= short.MaxValue) boxed = (short)value; }
        else if (typeof(T) == typeof(sbyte) || typeof(T) == typeof(sbyte?)) { if (value >= sbyte.MinValue && value <= sbyte.MaxValue) boxed = (sbyte)value; }
        else if (typeof(T) == typeof(ulong) || typeof(T) == typeof(ulong?)) { if (value >= 0 && value <= ulong.MaxValue) boxed = (ulong)value; }
        else if (typeof(T) == typeof(uint) || typeof(T) == typeof(uint?)) { if (value >= 0 && value <= uint.MaxValue) boxed = (uint)value; }
        else if (typeof(T) == typeof(ushort) || typeof(T) == typeof(ushort?)) { if (value >= 0 && value <= ushort.MaxValue) boxed = (ushort)value; }
        else if (typeof(T) == typeof(byte) || typeof(T) == typeof(byte?)) { if (value >= 0 && value <= byte.MaxValue) boxed = (byte)value; }
        else if (typeof(T) == typeof(Int128) || typeof(T) == typeof(Int128?)) boxed = value;
        else if (typeof(T) == typeof(object)) ModelNumbers.TryInteger(value, out boxed);
        if (boxed is null)
        {
            result = default;
            return false;
        }
        result = (T)boxed;
        return true;
    }
}
