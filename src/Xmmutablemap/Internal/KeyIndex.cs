using System.Runtime.CompilerServices;

namespace Xmmutablemap.Internal;

/// <summary>
/// The keys of a map in canonical order plus a hash table over them. A map whose update keeps the key
/// set (a <c>SetItem</c> of an existing key) shares its <see cref="KeyIndex{TKey}"/> instead of rebuilding it.
/// </summary>
internal sealed class KeyIndex<TKey> where TKey : notnull
{
    public static readonly KeyIndex<TKey> Empty = new([]);

    public readonly TKey[] Keys;
    private readonly int[] _buckets;   // 1-based entry index of a chain's head, 0 when empty
    private readonly int[] _next;      // 1-based entry index of the next entry in the chain, 0 at the end
    private readonly int[] _hashCodes;
    private readonly int _mask;

    public KeyIndex(TKey[] keys)
    {
        Keys = keys;
        int size = keys.Length == 0 ? 1 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)keys.Length * 2);
        _buckets = new int[size];
        _next = new int[keys.Length];
        _hashCodes = new int[keys.Length];
        _mask = size - 1;
        var comparer = ModelEqualityComparer<TKey>.Instance;
        for (int i = 0; i < keys.Length; i++)
        {
            int hash = comparer.GetHashCode(keys[i]);
            _hashCodes[i] = hash;
            ref int bucket = ref _buckets[hash & _mask];
            _next[i] = bucket;
            bucket = i + 1;
        }
    }

    public int Count => Keys.Length;

    /// <summary>The position of <paramref name="key"/> in canonical order, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexOf(TKey key)
    {
        var comparer = ModelEqualityComparer<TKey>.Instance;
        int hash = comparer.GetHashCode(key);
        var keys = Keys;
        var hashes = _hashCodes;
        var next = _next;
        int i = _buckets[hash & _mask] - 1;
        while ((uint)i < (uint)keys.Length)
        {
            if (hashes[i] == hash && comparer.Equals(keys[i], key)) return i;
            i = next[i] - 1;
        }
        return -1;
    }
}
