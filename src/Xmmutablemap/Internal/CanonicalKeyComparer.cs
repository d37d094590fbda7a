namespace Xmmutablemap.Internal;

/// <summary>The canonical key order: strings by code point, everything else by <see cref="Comparer{T}.Default"/> (numeric for integers).</summary>
internal static class CanonicalKeyComparer<TKey>
{
    public static readonly IComparer<TKey> Instance = typeof(TKey) == typeof(string)
        ? (IComparer<TKey>)(object)CanonicalStringComparer.Instance
        : typeof(TKey) == typeof(object) ? (IComparer<TKey>)(object)ObjectKeyComparer.Instance
        : Comparer<TKey>.Default;
}
