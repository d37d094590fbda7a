using Xmmutablemap.Internal;

namespace Xmmutablemap;

/// <summary>
/// Unsafe-but-fast escape hatches for code that builds maps from arrays it owns, in the manner of
/// <see cref="System.Runtime.InteropServices.ImmutableCollectionsMarshal"/>: the map takes the arrays over
/// instead of copying them. Readers of documents use it through <see cref="Documents.DocumentMapBuilder{TKey, TValue}"/>.
/// </summary>
/// <remarks>
/// After handing arrays over, the caller must never read or write them again: the map may keep them, and
/// a later change would change the "immutable" map (and make its cached hash wrong).
/// </remarks>
/// <example>
/// <code>
/// string[] keys = ["b", "a"];
/// object?[] values = [2L, 1L];
/// if (ImmutableMapMarshal.TryCreateFromOwnedArrays(keys, values, out var map, out int duplicate))
///     Console.WriteLine(map);   // ImmutableMap({"a": 1, "b": 2}); keys and values now belong to map
/// </code>
/// </example>
public static class ImmutableMapMarshal
{
    /// <summary>
    /// Builds a map from <paramref name="keys"/> and <paramref name="values"/> side by side, taking both arrays
    /// over (keys are sorted in place; when they were already in canonical order, neither array is copied).
    /// </summary>
    /// <param name="keys">The keys; owned by the map from now on.</param>
    /// <param name="values">The values, one per key; owned by the map from now on.</param>
    /// <param name="map">The map, when no key appears twice.</param>
    /// <param name="duplicateIndex">When a key appears twice: the index in the original order of its later occurrence; else -1.</param>
    /// <returns>Whether the keys were unique.</returns>
    /// <exception cref="ArgumentException">The arrays differ in length, or a key is null, or the keys cannot be ordered (strings mixed with integers).</exception>
    public static bool TryCreateFromOwnedArrays<TKey, TValue>(TKey[] keys, TValue[] values,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ImmutableMap<TKey, TValue>? map, out int duplicateIndex) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(values);
        if (keys.Length != values.Length)
            throw new ArgumentException($"There must be as many values as keys: {keys.Length} keys, {values.Length} values.", nameof(values));
        map = CanonicalSort.ToMap(keys, values, DuplicateKeys.Report, out duplicateIndex, valuesOwned: true);
        return map is not null;
    }
}
