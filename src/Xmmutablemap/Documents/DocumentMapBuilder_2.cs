using System.Runtime.InteropServices;
using Xmmutablemap.Internal;

namespace Xmmutablemap.Documents;

/// <summary>
/// Collects the entries of one map as a reader meets them, with the position of each key, and builds the
/// map in canonical order. A key that appears twice is an error naming the key and both positions; this
/// is the one place where duplicate keys are found, for every format and adapter.
/// </summary>
/// <typeparam name="TKey">The map's key type.</typeparam>
/// <typeparam name="TValue">The map's value type.</typeparam>
/// <example>
/// <code>
/// var entries = new DocumentMapBuilder&lt;string, double&gt;();
/// entries.Add("lr", 0.1, DocumentPosition.AtLine(2, 1));
/// entries.Add("lr", 0.2, DocumentPosition.AtLine(3, 1));
/// entries.ToImmutable(path);  // DocumentException: at lr, line 3, column 1: the key "lr" appears more than once (first at line 2, column 1)
/// </code>
/// </example>
public sealed class DocumentMapBuilder<TKey, TValue> where TKey : notnull
{
    private TKey[] _keys = [];
    private TValue[] _values = [];
    private DocumentPosition[] _positions = [];
    private int _count;

    /// <summary>The entries added so far.</summary>
    public int Count => _count;

    /// <summary>Adds an entry; <paramref name="keyPosition"/> is where its key was read.</summary>
    public void Add(TKey key, TValue value, DocumentPosition keyPosition = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_count == _keys.Length)
        {
            int capacity = Math.Max(8, _count * 2);
            Array.Resize(ref _keys, capacity);
            Array.Resize(ref _values, capacity);
            Array.Resize(ref _positions, capacity);
        }
        _keys[_count] = key;
        _values[_count] = value;
        _positions[_count++] = keyPosition;
    }

    /// <summary>Builds the map and empties the builder.</summary>
    /// <param name="path">The path of the map itself, for the error.</param>
    /// <exception cref="DocumentException">A key appears twice; the path is that of the later entry, and the message names the earlier position too.</exception>
    public ImmutableMap<TKey, TValue> ToImmutable(DocumentPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        int n = _count;
        // The arrays are made here and handed over, so the map keeps them without copying.
        var values = _values.AsSpan(0, n).ToArray();
        if (typeof(TKey) == typeof(string) && SharedKeySets.Find((string[])(object)_keys, n, out var index) is { } shared)
        {
            // The same keys, in the same canonical order, as a map read just before: share its key array (and index).
            Clear();
            return ImmutableMap<TKey, TValue>.WithSameKeys((TKey[])(object)shared, (KeyIndex<TKey>?)(object?)index, values);
        }
        var keys = _keys.AsSpan(0, n).ToArray();
        var map = CanonicalSort.ToMap(keys, values, DuplicateKeys.Report, out int later, valuesOwned: true);
        if (map is null) throw Duplicate(path, later);
        Clear();
        if (typeof(TKey) == typeof(string) && map.Count > 0)
        {
            // Keys written out of canonical order (a hand-written file) are shared once sorted.
            var sorted = (string[])(object)ImmutableCollectionsMarshal.AsArray(map.Keys)!;
            if (SharedKeySets.Find(sorted, sorted.Length, out var sameIndex) is { } same)
                return ImmutableMap<TKey, TValue>.WithSameKeys((TKey[])(object)same, (KeyIndex<TKey>?)(object?)sameIndex, ImmutableCollectionsMarshal.AsArray(map.Values)!);
            SharedKeySets.Remember(sorted);
        }
        return map;
    }

    // Kept out of ToImmutable: a lambda there would make every call allocate its closure, duplicate or not.
    private DocumentException Duplicate(DocumentPath path, int later)
    {
        var comparer = CanonicalKeyComparer<TKey>.Instance;
        var key = _keys[later];
        int first = 0;
        while (comparer.Compare(_keys[first], key) != 0) first++;
        var firstPosition = _positions[first];
        var laterPosition = _positions[later];
        Clear();
        return new DocumentException($"the key {DocumentException.Excerpt(ModelValue.Format(key))} appears more than once", path.ToString(key), laterPosition, firstPosition);
    }

    /// <summary>Empties the builder for reuse, keeping its buffers when they are not large.</summary>
    public void Clear()
    {
        if (_keys.Length > 4096)
        {
            _keys = [];
            _values = [];
            _positions = [];
        }
        else
        {
            Array.Clear(_keys, 0, _count);
            Array.Clear(_values, 0, _count);
        }
        _count = 0;
    }
}
