using Xmmutablemap.Internal;

namespace Xmmutablemap;

public sealed partial class ImmutableMap<TKey, TValue>
{
    /// <summary>Returns a map with <paramref name="key"/> set to <paramref name="value"/>, added or replaced.
    /// Returns this same map when it already holds an equal value.</summary>
    public ImmutableMap<TKey, TValue> SetItem(TKey key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        int i = Lookup.IndexOf(key);
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
        if (Lookup.IndexOf(key) >= 0) throw new ArgumentException($"The key {ModelValue.Format(key)} is already in the map.", nameof(key));
        return Insert(key, value);
    }

    /// <summary>Returns a map with every pair of <paramref name="items"/> set; a later pair wins over an earlier one with the same key.</summary>
    public ImmutableMap<TKey, TValue> SetItems(IEnumerable<KeyValuePair<TKey, TValue>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var builder = ToBuilder();
        foreach (var (key, value) in items) builder[key] = value;
        return builder.ToImmutable();
    }

    /// <summary>Returns a map without <paramref name="key"/>; this same map when the key is absent.</summary>
    public ImmutableMap<TKey, TValue> Remove(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int i = Lookup.IndexOf(key);
        if (i < 0) return this;
        var keys = new TKey[Count - 1];
        var values = new TValue[Count - 1];
        Array.Copy(_keys, keys, i);
        Array.Copy(_keys, i + 1, keys, i, keys.Length - i);
        Array.Copy(_values, values, i);
        Array.Copy(_values, i + 1, values, i, values.Length - i);
        return FromCanonical(keys, values);
    }

    /// <summary>Returns a map without any of <paramref name="keys"/>.</summary>
    public ImmutableMap<TKey, TValue> RemoveRange(IEnumerable<TKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var builder = ToBuilder();
        foreach (var key in keys) builder.Remove(key);
        return builder.ToImmutable();
    }

    /// <summary>Returns an empty map of the same type.</summary>
    public ImmutableMap<TKey, TValue> Clear() => Empty;

    /// <summary>Merges two maps; where both have a key, <paramref name="other"/>'s value wins (Python's <c>a | b</c>).</summary>
    public ImmutableMap<TKey, TValue> Union(ImmutableMap<TKey, TValue> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty) return this;
        if (IsEmpty) return other;
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
