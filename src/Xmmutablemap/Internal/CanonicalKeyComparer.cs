namespace Xmmutablemap.Internal;

/// <summary>The canonical key order: strings by code point, everything else by <see cref="Comparer{T}.Default"/> (numeric for integers).</summary>
internal static class CanonicalKeyComparer<TKey>
{
    public static readonly IComparer<TKey> Instance = typeof(TKey) == typeof(string)
        ? (IComparer<TKey>)(object)CanonicalStringComparer.Instance
        : typeof(TKey) == typeof(object) ? (IComparer<TKey>)(object)ObjectKeyComparer.Instance
        : Comparer<TKey>.Default;
}

/// <summary>Orders boxed keys: strings by code point, integers numerically; strings never mix with integers in one model map.</summary>
internal sealed class ObjectKeyComparer : IComparer<object>
{
    public static readonly ObjectKeyComparer Instance = new();

    public int Compare(object? x, object? y)
    {
        if (x is string sx && y is string sy) return CanonicalStringComparer.Instance.Compare(sx, sy);
        if (ModelValue.TryGetInteger(x, out var ix) && ModelValue.TryGetInteger(y, out var iy)) return ix.CompareTo(iy);
        return Comparer<object>.Default.Compare(x, y);
    }
}
