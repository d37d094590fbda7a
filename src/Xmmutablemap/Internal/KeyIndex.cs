namespace Xmmutablemap.Internal;

/// <summary>
/// The lookup structure over a map's keys (kept in canonical order), built on the map's first lookup.
/// A map whose update keeps the key set (a <c>SetItem</c> of an existing key) shares it. String keys get
/// specialized indexes (<see cref="StringLengthBucketIndex"/>, <see cref="StringHashIndex"/>) chosen by
/// analysing the keys, as <c>FrozenDictionary</c> does; that analysis costs more than building the map, so a
/// map first gets a <see cref="ProvisionalStringIndex"/> and pays for the analysis only once it has been looked
/// up often enough for the faster lookups to repay it.
/// </summary>
internal abstract class KeyIndex<TKey> where TKey : notnull
{
    protected KeyIndex(TKey[] keys) => Keys = keys;

    public TKey[] Keys { get; }

    /// <summary>
    /// The position of <paramref name="key"/> in canonical order, or -1. <paramref name="holder"/> is the field
    /// of the map that holds this index: a provisional index replaces itself there with the analysed one.
    /// </summary>
    public abstract int IndexOf(TKey key, ref KeyIndex<TKey>? holder);

    /// <summary>The index a map starts with: cheap to build; for string keys, provisional.</summary>
    public static KeyIndex<TKey> Create(TKey[] keys)
    {
        if (typeof(TKey) == typeof(string)) return (KeyIndex<TKey>)(object)new ProvisionalStringIndex((string[])(object)keys);
        return new GenericKeyIndex<TKey>(keys);
    }

    /// <summary>The index after analysing the keys: the fastest lookups this key set allows.</summary>
    public static KeyIndex<TKey> CreateAnalysed(TKey[] keys)
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
