namespace Xmmutablemap.Internal;

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
