using Xmmutablemap.Internal;

namespace Xmmutablemap;

public sealed partial class ImmutableMap<TKey, TValue>
{
    /// <summary>Returns a map with <paramref name="key"/> set to <paramref name="value"/>, added or replaced.
    /// Returns this same map when it already holds an equal value.</summary>
    public ImmutableMap<TKey, TValue> SetItem(TKey key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        int i = IndexOf(key);
        if (i >= 0)
        {
            if (ModelEqualityComparer<TValue>.Instance.Equals(_values[i], value)) return this;
            var values = (TValue[])_values.Clone();
            values[i] = value;
            return new ImmutableMap<TKey, TValue>(_keys, values, _lookup); // same keys: share them and the lookup
        }
        return Insert(key, value);
    }

    /// <summary>Returns a map with <paramref name="key"/> added.</summary>
    /// <exception cref="ArgumentException">The key is already in the map (the message names it).</exception>
    public ImmutableMap<TKey, TValue> Add(TKey key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (IndexOf(key) >= 0) throw new ArgumentException($"The key {ModelValue.Format(key)} is already in the map.", nameof(key));
        return Insert(key, value);
    }

    /// <summary>Returns a map with every pair of <paramref name="items"/> set; a later pair wins over an earlier one with the same key.</summary>
    /// <remarks>O(n + k log k): the k pairs are sorted once and merged with the map's sorted entries.</remarks>
    public ImmutableMap<TKey, TValue> SetItems(IEnumerable<KeyValuePair<TKey, TValue>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var batch = items as ImmutableMap<TKey, TValue> ?? ImmutableMap.CreateRange(items);
        if (batch.IsEmpty) return this;
        if (IsEmpty) return batch;
        return Merge(batch);
    }

    /// <summary>Merges two maps in canonical order; <paramref name="other"/> wins on equal keys.</summary>
    private ImmutableMap<TKey, TValue> Merge(ImmutableMap<TKey, TValue> other)
    {
        var comparer = CanonicalKeyComparer<TKey>.Instance;
        var valueComparer = ModelEqualityComparer<TValue>.Instance;
        TKey[] a = _keys, b = other._keys;
        int newKeys = 0;
        bool changed = false;
        for (int i = 0, j = 0; j < b.Length;)
        {
            int c = i == a.Length ? 1 : comparer.Compare(a[i], b[j]);
            if (c < 0) { i++; continue; }
            if (c > 0) { newKeys++; changed = true; j++; continue; }
            changed |= !valueComparer.Equals(_values[i], other._values[j]);
            i++;
            j++;
        }
        if (!changed) return this;
        if (newKeys == 0)
        {
            // The same keys: share them and the lookup; only the values change.
            var values = (TValue[])_values.Clone();
            for (int i = 0, j = 0; j < b.Length; i++)
            {
                if (comparer.Compare(a[i], b[j]) == 0) values[i] = other._values[j++];
            }
            return new ImmutableMap<TKey, TValue>(_keys, values, _lookup);
        }
        var keys = new TKey[a.Length + newKeys];
        var merged = new TValue[keys.Length];
        int k = 0;
        for (int i = 0, j = 0; i < a.Length || j < b.Length; k++)
        {
            int c = i == a.Length ? 1 : j == b.Length ? -1 : comparer.Compare(a[i], b[j]);
            if (c < 0) { keys[k] = a[i]; merged[k] = _values[i++]; }
            else if (c > 0) { keys[k] = b[j]; merged[k] = other._values[j++]; }
            else { keys[k] = b[j]; merged[k] = other._values[j++]; i++; }
        }
        return FromCanonical(keys, merged);
    }

    /// <summary>Returns a map without <paramref name="key"/>; this same map when the key is absent.</summary>
    public ImmutableMap<TKey, TValue> Remove(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int i = IndexOf(key);
        if (i < 0) return this;
        var keys = new TKey[Count - 1];
        var values = new TValue[Count - 1];
        Array.Copy(_keys, keys, i);
        Array.Copy(_keys, i + 1, keys, i, keys.Length - i);
        Array.Copy(_values, values, i);
        Array.Copy(_values, i + 1, values, i, values.Length - i);
        return FromCanonical(keys, values);
    }

    /// <summary>Returns a map without any of <paramref name="keys"/>; this same map when none is present.</summary>
    public ImmutableMap<TKey, TValue> RemoveRange(IEnumerable<TKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        bool[]? removed = null;
        int count = 0;
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            int i = IndexOf(key);
            if (i < 0) continue;
            removed ??= new bool[Count];
            if (!removed[i]) count++;
            removed[i] = true;
        }
        if (removed is null) return this;
        var remainingKeys = new TKey[Count - count];
        var remainingValues = new TValue[remainingKeys.Length];
        for (int i = 0, k = 0; i < Count; i++)
        {
            if (removed[i]) continue;
            remainingKeys[k] = _keys[i];
            remainingValues[k++] = _values[i];
        }
        return FromCanonical(remainingKeys, remainingValues);
    }

    /// <summary>Returns an empty map of the same type.</summary>
    public ImmutableMap<TKey, TValue> Clear() => Empty;

    /// <summary>Merges two maps; where both have a key, <paramref name="other"/>'s value wins (Python's <c>a | b</c>).</summary>
    public ImmutableMap<TKey, TValue> Union(ImmutableMap<TKey, TValue> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SetItems(other);
    }

    /// <summary>Merges two maps; the right side wins where both have a key, as with Python's <c>|</c>.</summary>
    public static ImmutableMap<TKey, TValue> operator |(ImmutableMap<TKey, TValue> left, ImmutableMap<TKey, TValue> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return left.Union(right);
    }

    private ImmutableMap<TKey, TValue> Insert(TKey key, TValue value)
    {
        int at = Array.BinarySearch(_keys, key, CanonicalKeyComparer<TKey>.Instance);
        at = ~at;
        var keys = new TKey[Count + 1];
        var values = new TValue[Count + 1];
        Array.Copy(_keys, keys, at);
        Array.Copy(_values, values, at);
        keys[at] = key;
        values[at] = value;
        Array.Copy(_keys, at, keys, at + 1, Count - at);
        Array.Copy(_values, at, values, at + 1, Count - at);
        return FromCanonical(keys, values);
    }
}
