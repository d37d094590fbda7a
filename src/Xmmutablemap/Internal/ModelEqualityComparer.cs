using System.Runtime.CompilerServices;

namespace Xmmutablemap.Internal;

/// <summary>
/// Model equality for a static type <typeparamref name="T"/>, without boxing for the common
/// primitive types. Integers hash through <see cref="Int128"/> so that <c>int 1</c> and <c>long 1</c>
/// (equal model values) also hash alike when maps of different value types are compared.
/// </summary>
internal sealed class ModelEqualityComparer<T> : IEqualityComparer<T>
{
    public static readonly ModelEqualityComparer<T> Instance = new();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(T? x, T? y)
    {
        if (typeof(T) == typeof(string)) return string.Equals((string?)(object?)x, (string?)(object?)y, StringComparison.Ordinal);
        if (typeof(T) == typeof(long)) return (long)(object)x! == (long)(object)y!;
        if (typeof(T) == typeof(int)) return (int)(object)x! == (int)(object)y!;
        if (typeof(T) == typeof(bool)) return (bool)(object)x! == (bool)(object)y!;
        if (typeof(T) == typeof(double)) return ModelValue.FloatEquals((double)(object)x!, (double)(object)y!);
        if (typeof(T) == typeof(float)) return ModelValue.FloatEquals((float)(object)x!, (float)(object)y!);
        if (typeof(T).IsValueType && typeof(T).IsPrimitive) return EqualityComparer<T>.Default.Equals(x, y);
        return ModelValue.AreEqual(x, y);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetHashCode(T value)
    {
        if (typeof(T) == typeof(string)) return ((string)(object)value!).GetHashCode();
        if (typeof(T) == typeof(long)) return ModelValue.IntegerHash((long)(object)value!);
        if (typeof(T) == typeof(int)) return ModelValue.IntegerHash((int)(object)value!);
        if (typeof(T) == typeof(bool)) return ((bool)(object)value!).GetHashCode();
        if (typeof(T) == typeof(double)) return ((double)(object)value!).GetHashCode();
        if (typeof(T) == typeof(float)) return ((double)(float)(object)value!).GetHashCode();
        return ModelValue.GetHashCode(value);
    }
}
