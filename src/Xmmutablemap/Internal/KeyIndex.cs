namespace Xmmutablemap.Internal;

/// <summary>
/// The lookup structure over a map's keys (kept in canonical order), built on the map's first lookup.
/// A map whose update keeps the key set (a <c>SetItem</c> of an existing key) shares it. String keys get
/// specialized indexes (<see cref="StringLengthBucketIndex"/>, <see cref="StringHashIndex"/>) chosen once,
/// as <c>FrozenDictionary</c> does, because lookups dominate a frozen map's life.
/// </summary>
internal abstract class KeyIndex<TKey> where TKey : notnull
{
    protected KeyIndex(TKey[] keys) => Keys = keys;

    public TKey[] Keys { get; }

    /// <summary>The position of <paramref name="key"/> in canonical order, or -1.</summary>
    public abstract int IndexOf(TKey key);

    public static KeyIndex<TKey> Create(TKey[] keys)
    {
        if (typeof(TKey) == typeof(string))
        {
            var strings = (string[])(object)keys;
            // A window of characters that tells the keys apart hashes cheapest; failing that, small sets do
            // without hashing (length buckets), and the rest hash whole keys.
            return (KeyIndex<TKey>)(object)(StringHashIndex.TryBuildOnWindow(strings)
                ?? StringLengthBucketIndex.TryCreate(strings)
                ?? (KeyIndex<string>)StringHashIndex.BuildOnWholeKeys(strings));
        }
        return new GenericKeyIndex<TKey>(keys);
    }
}
