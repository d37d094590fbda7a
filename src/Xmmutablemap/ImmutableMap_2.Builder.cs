using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Xmmutablemap.Internal;

namespace Xmmutablemap;

public sealed partial class ImmutableMap<TKey, TValue>
{
    /// <summary>Returns a builder that starts with this map's entries. O(1): nothing is copied until the first change.</summary>
    /// <example>
    /// <code>
    /// var builder = config.ToBuilder();
    /// builder["lr"] = 0.01;
    /// builder.Remove("momentum");
    /// ImmutableMap&lt;string, double&gt; updated = builder.ToImmutable();
    /// </code>
    /// </example>
    public Builder ToBuilder() => new(this);

    /// <summary>
    /// A mutable map for making many changes at once. <see cref="ToImmutable"/> returns the original map
    /// when nothing changed, and caches its result until the next change.
    /// </summary>
    public sealed class Builder : IDictionary<TKey, TValue>, IReadOnlyDictionary<TKey, TValue>
    {
        private ImmutableMap<TKey, TValue>? _snapshot;  // the current content as a map, when known
        private Dictionary<TKey, TValue>? _entries;     // created on the first change

        internal Builder(ImmutableMap<TKey, TValue> map) => _snapshot = map;

        private Dictionary<TKey, TValue> Entries
        {
            get
            {
                if (_entries is null)
                {
                    var map = _snapshot!;
                    _entries = new Dictionary<TKey, TValue>(map.Count, ModelEqualityComparer<TKey>.Instance);
                    for (int i = 0; i < map.Count; i++) _entries.Add(map._keys[i], map._values[i]);
                }
                return _entries;
            }
        }

        private Dictionary<TKey, TValue> EntriesForWrite
        {
            get
            {
                var entries = Entries;
                _snapshot = null;
                return entries;
            }
        }

        /// <summary>Returns a map with the builder's current entries.</summary>
        public ImmutableMap<TKey, TValue> ToImmutable()
        {
            if (_snapshot is not null) return _snapshot;
            var keys = new TKey[_entries!.Count];
            var values = new TValue[keys.Length];
            int i = 0;
            foreach (var (key, value) in _entries)
            {
                keys[i] = key;
                values[i++] = value;
            }
            Array.Sort(keys, values, CanonicalKeyComparer<TKey>.Instance);
            return _snapshot = FromCanonical(keys, values);
        }

        /// <summary>The number of entries.</summary>
        public int Count => _snapshot?.Count ?? _entries!.Count;

        /// <summary>Gets or sets the value for a key.</summary>
        /// <exception cref="KeyNotFoundException">Getting a key that is not present.</exception>
        public TValue this[TKey key]
        {
            get => _snapshot is { } map ? map[key] : TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The key {ModelValue.Format(key)} is not in the builder.");
            set
            {
                ArgumentNullException.ThrowIfNull(key);
                if (_snapshot is { } map && map.TryGetValue(key, out var existing) && ModelEqualityComparer<TValue>.Instance.Equals(existing, value)) return;
                EntriesForWrite[key] = value;
            }
        }

        /// <summary>The keys in canonical order.</summary>
        public IEnumerable<TKey> Keys => ToImmutable().Keys;

        /// <summary>The values, in the canonical order of their keys.</summary>
        public IEnumerable<TValue> Values => ToImmutable().Values;

        ICollection<TKey> IDictionary<TKey, TValue>.Keys => ToImmutable().Keys;

        ICollection<TValue> IDictionary<TKey, TValue>.Values => ToImmutable().Values;

        bool ICollection<KeyValuePair<TKey, TValue>>.IsReadOnly => false;

        /// <summary>Adds an entry.</summary>
        /// <exception cref="ArgumentException">The key is already present.</exception>
        public void Add(TKey key, TValue value)
        {
            ArgumentNullException.ThrowIfNull(key);
            if (ContainsKey(key)) throw new ArgumentException($"The key {ModelValue.Format(key)} is already in the builder.", nameof(key));
            EntriesForWrite.Add(key, value);
        }

        /// <summary>Sets every pair; a later pair wins over an earlier one with the same key.</summary>
        public void SetItems(IEnumerable<KeyValuePair<TKey, TValue>> items)
        {
            ArgumentNullException.ThrowIfNull(items);
            foreach (var (key, value) in items) this[key] = value;
        }

        /// <summary>Removes a key; returns whether it was present.</summary>
        public bool Remove(TKey key)
        {
            if (!ContainsKey(key)) return false;
            return EntriesForWrite.Remove(key);
        }

        /// <summary>Removes every entry.</summary>
        public void Clear()
        {
            _entries = new Dictionary<TKey, TValue>(ModelEqualityComparer<TKey>.Instance);
            _snapshot = Empty;
        }

        /// <summary>Whether the key is present.</summary>
        public bool ContainsKey(TKey key) => _snapshot?.ContainsKey(key) ?? _entries!.ContainsKey(key);

        /// <summary>Gets the value for a key if present.</summary>
        public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
            => _snapshot is { } map ? map.TryGetValue(key, out value) : _entries!.TryGetValue(key, out value);

        /// <summary>Enumerates the entries in canonical key order.</summary>
        public Enumerator GetEnumerator() => ToImmutable().GetEnumerator();

        IEnumerator<KeyValuePair<TKey, TValue>> IEnumerable<KeyValuePair<TKey, TValue>>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        void ICollection<KeyValuePair<TKey, TValue>>.Add(KeyValuePair<TKey, TValue> item) => Add(item.Key, item.Value);

        bool ICollection<KeyValuePair<TKey, TValue>>.Contains(KeyValuePair<TKey, TValue> item)
            => TryGetValue(item.Key, out var value) && ModelEqualityComparer<TValue>.Instance.Equals(value, item.Value);

        void ICollection<KeyValuePair<TKey, TValue>>.CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex)
        {
            foreach (var pair in ToImmutable()) array[arrayIndex++] = pair;
        }

        bool ICollection<KeyValuePair<TKey, TValue>>.Remove(KeyValuePair<TKey, TValue> item)
            => ((ICollection<KeyValuePair<TKey, TValue>>)this).Contains(item) && Remove(item.Key);
    }
}
