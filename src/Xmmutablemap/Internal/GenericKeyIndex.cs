using System.Runtime.CompilerServices;

namespace Xmmutablemap.Internal;

/// <summary>A chained hash table over any key type, using model equality (so an <c>object</c> key 1 finds 1L).</summary>
internal sealed class GenericKeyIndex<TKey> : KeyIndex<TKey> where TKey : notnull
{
    private readonly int[] _buckets;   // 1-based entry index of a chain's head, 0 when empty
    private readonly int[] _next;      // 1-based entry index of the next entry in the chain, 0 at the end
    private readonly int[] _hashCodes;
    private readonly int _mask;

    public GenericKeyIndex(TKey[] keys) : base(keys)
    {
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override int IndexOf(TKey key, ref KeyIndex<TKey>? holder)
    {
        var comparer = ModelEqualityComparer<TKey>.Instance;
        int hash = comparer.GetHashCode(key);
        var keys = Keys;
        int i = _buckets[hash & _mask] - 1;
        while ((uint)i < (uint)keys.Length)
        {
            if (_hashCodes[i] == hash && comparer.Equals(keys[i], key)) return i;
            i = _next[i] - 1;
        }
        return -1;
    }
}
