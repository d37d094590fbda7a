namespace Xmmutablemap.Internal;

/// <summary>
/// Remembers, per thread, the key arrays of maps read recently, so that the maps of a document that have the
/// same keys (every layer of a config, every record of a list) share one array instead of each keeping its own
/// copy of the keys: in a large file the keys are much of the memory. Maps never write to their key arrays
/// (<see cref="ImmutableMap{TKey, TValue}.WithSameKeys"/> already shares them between maps).
/// </summary>
/// <remarks>
/// A small direct-mapped table: a set that misses costs one hash over its keys, and one that collides with
/// another only replaces it. What a thread keeps alive is bounded: 64 sets of at most 32 keys and 1,024 chars,
/// each with at most one lookup index.
/// </remarks>
internal static class SharedKeySets
{
    private const int SlotBits = 6;
    private const int MaxKeys = 32;
    private const int MaxChars = 1024;

    // Once a key set has been shared this often, its maps share one lookup index too (built then, once), instead
    // of each building its own on its first lookup: binding 100,000 records builds one index, not 100,000.
    private const int HitsBeforeIndex = 8;

    [ThreadStatic] private static string[]?[]? t_slots;
    [ThreadStatic] private static KeyIndex<string>?[]? t_indexes;
    [ThreadStatic] private static int[]? t_hits;

    /// <summary>A remembered array equal, key for key and in order, to the first <paramref name="count"/> of <paramref name="keys"/>; or null.</summary>
    /// <param name="keys">The keys, in the order read.</param>
    /// <param name="count">How many of <paramref name="keys"/> there are.</param>
    /// <param name="index">The lookup index the maps with these keys share, once the set has repeated often enough; else null.</param>
    /// <remarks>Remembered arrays are in canonical order with unique keys, so a match is already a valid map's keys.</remarks>
    public static string[]? Find(string[] keys, int count, out KeyIndex<string>? index)
    {
        index = null;
        if (t_slots is not { } slots || count == 0 || count > MaxKeys) return null;
        int slot = Slot(keys, count);
        var candidate = slots[slot];
        if (candidate is null || candidate.Length != count) return null;
        for (int i = 0; i < count; i++)
        {
            if (!string.Equals(candidate[i], keys[i])) return null;
        }
        index = t_indexes![slot];
        if (index is null && ++t_hits![slot] >= HitsBeforeIndex) index = t_indexes[slot] = KeyIndex<string>.Create(candidate);
        return candidate;
    }

    /// <summary>Remembers the key array of a map just built (canonical order, unique keys) for the maps after it.</summary>
    public static void Remember(string[] canonicalKeys)
    {
        int count = canonicalKeys.Length;
        if (count == 0 || count > MaxKeys) return;
        int chars = 0;
        foreach (var key in canonicalKeys) chars += key.Length;
        if (chars > MaxChars) return;
        int slot = Slot(canonicalKeys, count);
        (t_slots ??= new string[1 << SlotBits][])[slot] = canonicalKeys;
        (t_indexes ??= new KeyIndex<string>?[1 << SlotBits])[slot] = null;
        (t_hits ??= new int[1 << SlotBits])[slot] = 0;
    }

    // Lengths and the first and last char of each key: cheap, and enough to tell apart the key sets of one document.
    private static int Slot(string[] keys, int count)
    {
        uint hash = (uint)count;
        for (int i = 0; i < count; i++)
        {
            var key = keys[i];
            hash = (hash * 31) ^ (uint)key.Length;
            if (key.Length > 0) hash = (hash * 31) ^ key[0] ^ ((uint)key[^1] << 16);
        }
        return (int)((hash * 2654435769u) >> (32 - SlotBits));
    }
}
