using System.Collections;
using System.Collections.Immutable;
using System.Numerics;

namespace Xmmutablemap;

/// <summary>
/// Classifies, compares and hashes values of the data model (<c>schemas/canonical-encoding.md</c>).
/// Format converters, including ones written outside this library, use it to treat every CLR
/// representation of a model value alike.
/// </summary>
/// <example>
/// <code>
/// ModelValue.AreEqual(1, 1L);     // true: both are the integer 1
/// ModelValue.AreEqual(1, 1.0);    // false: an integer is never a float
/// ModelValue.GetKind(new List&lt;int&gt;()); // ModelKind.NotModel: mutable
/// </code>
/// </example>
public static class ModelValue
{
    /// <summary>Returns the model kind of <paramref name="value"/>, or <see cref="ModelKind.NotModel"/>.</summary>
    public static ModelKind GetKind(object? value) => value switch
    {
        null => ModelKind.Null,
        bool => ModelKind.Bool,
        string => ModelKind.String,
        double or float or Half => ModelKind.Float,
        long or int or short or sbyte or ulong or uint or ushort or byte or nint or nuint => ModelKind.Integer,
        Int128 i => i >= long.MinValue && i <= ulong.MaxValue ? ModelKind.Integer : ModelKind.NotModel,
        UInt128 u => u <= ulong.MaxValue ? ModelKind.Integer : ModelKind.NotModel,
        BigInteger b => b >= long.MinValue && b <= ulong.MaxValue ? ModelKind.Integer : ModelKind.NotModel,
        ImmutableArray<byte> => ModelKind.Bytes,
        IImmutableMap => ModelKind.Map,
        _ => IsImmutableList(value) ? ModelKind.List : ModelKind.NotModel,
    };

    /// <summary>Reads any CLR integer in the model range (-2^63 to 2^64-1) as an <see cref="Int128"/>.</summary>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a model integer.</returns>
    public static bool TryGetInteger(object? value, out Int128 integer)
    {
        switch (value)
        {
            case long v: integer = v; return true;
            case int v: integer = v; return true;
            case short v: integer = v; return true;
            case sbyte v: integer = v; return true;
            case ulong v: integer = v; return true;
            case uint v: integer = v; return true;
            case ushort v: integer = v; return true;
            case byte v: integer = v; return true;
            case nint v: integer = v; return true;
            case nuint v: integer = v; return true;
            case Int128 v when v >= long.MinValue && v <= ulong.MaxValue: integer = v; return true;
            case UInt128 v when v <= ulong.MaxValue: integer = (Int128)v; return true;
            case BigInteger v when v >= long.MinValue && v <= ulong.MaxValue: integer = (Int128)v; return true;
            default: integer = default; return false;
        }
    }

    /// <summary>Reads a model float (<see cref="double"/>, <see cref="float"/> or <see cref="Half"/>, widened exactly).</summary>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a model float.</returns>
    public static bool TryGetFloat(object? value, out double number)
    {
        switch (value)
        {
            case double d: number = d; return true;
            case float f: number = f; return true;
            case Half h: number = (double)h; return true;
            default: number = 0; return false;
        }
    }

    /// <summary>
    /// Model equality: integers by value whatever their CLR type, floats by value with <c>-0.0 == 0.0</c>
    /// and every NaN equal to every NaN, lists and bytes element-wise, maps by content.
    /// Values outside the model compare with <see cref="object.Equals(object?, object?)"/>.
    /// </summary>
    public static bool AreEqual(object? x, object? y)
    {
        if (ReferenceEquals(x, y)) return true;
        if (x is null || y is null) return false;
        if (x is string sx) return y is string sy && string.Equals(sx, sy, StringComparison.Ordinal);
        if (TryGetInteger(x, out var ix)) return TryGetInteger(y, out var iy) && ix == iy;
        if (TryGetFloat(x, out var fx)) return TryGetFloat(y, out var fy) && FloatEquals(fx, fy);
        if (x is ImmutableArray<byte> bx) return y is ImmutableArray<byte> by && BytesEqual(bx, by);
        if (x is IImmutableMap mx) return y is IImmutableMap my && mx.ContentEquals(my);
        if (IsImmutableList(x))
        {
            if (!IsImmutableList(y)) return false;
            var lx = (IList)x;
            var ly = (IList)y;
            if (lx.Count != ly.Count) return false;
            for (int i = 0; i < lx.Count; i++)
            {
                if (!AreEqual(lx[i], ly[i])) return false;
            }
            return true;
        }
        return x.Equals(y);
    }

    /// <summary>A hash code consistent with <see cref="AreEqual"/> (so <c>1</c> and <c>1L</c> hash alike).</summary>
    public static int GetHashCode(object? value)
    {
        switch (value)
        {
            case null: return 0;
            case string s: return s.GetHashCode();
            case ImmutableArray<byte> b: return BytesHash(b);
            case IImmutableMap m: return m.GetHashCode();
        }
        if (TryGetInteger(value, out var i)) return IntegerHash(i);
        if (TryGetFloat(value, out var f)) return f.GetHashCode(); // double.GetHashCode already folds -0.0 and NaNs
        if (IsImmutableList(value))
        {
            var hash = new HashCode();
            var list = (IList)value;
            for (int k = 0; k < list.Count; k++) hash.Add(GetHashCode(list[k])); // foreach would box IList's enumerator
            return hash.ToHashCode();
        }
        return value.GetHashCode();
    }

    /// <summary>
    /// Formats a value the way <see cref="ImmutableMap{TKey, TValue}.ToString"/> shows it: strings quoted,
    /// floats always with a <c>.</c> or an exponent (<c>1.0</c>, <c>1.0e+20</c>), so <c>1</c>, <c>1.0</c> and <c>"1"</c> differ.
    /// </summary>
    public static string Format(object? value)
    {
        var builder = new System.Text.StringBuilder();
        Internal.ModelFormatter.Append(builder, value);
        return builder.ToString();
    }

    /// <summary>
    /// Formats a double as the shortest text that reads back to the same value and still reads as a float
    /// in JSON, YAML 1.1 and YAML 1.2: <c>1.0</c>, <c>0.001</c>, <c>1.0e+20</c>, <c>5.0e-324</c>.
    /// Non-finite values give <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>; <c>-0.0</c> gives <c>0.0</c>,
    /// as the model (and the canonical encoding) does not tell them apart.
    /// </summary>
    public static string FormatFloat(double value)
    {
        Span<byte> utf8 = stackalloc byte[MaxFloatLength];
        TryFormatFloat(value, utf8, out int written);
        return System.Text.Encoding.UTF8.GetString(utf8[..written]);
    }

    /// <summary>The longest text <see cref="FormatFloat"/> produces, in bytes.</summary>
    public const int MaxFloatLength = 32;

    /// <summary>Writes <see cref="FormatFloat"/>'s text as UTF-8 without allocating (for format writers).</summary>
    /// <returns><see langword="false"/> when <paramref name="utf8Destination"/> is too short (<see cref="MaxFloatLength"/> always suffices).</returns>
    public static bool TryFormatFloat(double value, Span<byte> utf8Destination, out int bytesWritten)
    {
        ReadOnlySpan<byte> special = double.IsNaN(value) ? "NaN"u8
            : double.IsPositiveInfinity(value) ? "Infinity"u8
            : double.IsNegativeInfinity(value) ? "-Infinity"u8
            : value == 0 ? "0.0"u8 // -0.0 equals 0.0 in the model, so it prints the same
            : default;
        if (!special.IsEmpty)
        {
            bytesWritten = special.Length;
            return special.TryCopyTo(utf8Destination);
        }
        Span<byte> text = stackalloc byte[MaxFloatLength];
        value.TryFormat(text, out int length, "R", System.Globalization.CultureInfo.InvariantCulture);
        text = text[..length];
        int e = text.IndexOf((byte)'E');
        var mantissa = e < 0 ? text : text[..e];
        bool addPoint = mantissa.IndexOf((byte)'.') < 0;
        bytesWritten = mantissa.Length + (addPoint ? 2 : 0) + (e < 0 ? 0 : length - e);
        if (utf8Destination.Length < bytesWritten) return false;
        mantissa.CopyTo(utf8Destination);
        int at = mantissa.Length;
        if (addPoint)
        {
            utf8Destination[at++] = (byte)'.';
            utf8Destination[at++] = (byte)'0';
        }
        if (e >= 0)
        {
            utf8Destination[at++] = (byte)'e';
            text[(e + 1)..].CopyTo(utf8Destination[at..]);
        }
        return true;
    }

    internal static bool FloatEquals(double x, double y) => x == y || (double.IsNaN(x) && double.IsNaN(y));

    internal static int IntegerHash(Int128 value) => value.GetHashCode();

    internal static bool IsImmutableList(object? value)
    {
        if (value is null) return false;
        if (value is ImmutableArray<object?>) return true;
        return ListTypes.GetOrAdd(value.GetType(), static type =>
        {
            if (!type.IsGenericType || type == typeof(ImmutableArray<byte>)) return false;
            var definition = type.GetGenericTypeDefinition();
            return definition == typeof(ImmutableArray<>) || definition == typeof(ImmutableList<>);
        });
    }

    // GetGenericTypeDefinition is slow next to encoding a value: remember the answer per type.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> ListTypes = new();

    private static bool BytesEqual(ImmutableArray<byte> x, ImmutableArray<byte> y)
        => x.IsDefault || y.IsDefault ? x.IsDefault == y.IsDefault : x.AsSpan().SequenceEqual(y.AsSpan());

    private static int BytesHash(ImmutableArray<byte> bytes)
    {
        if (bytes.IsDefault) return 0;
        var hash = new HashCode();
        hash.AddBytes(bytes.AsSpan());
        return hash.ToHashCode();
    }
}
