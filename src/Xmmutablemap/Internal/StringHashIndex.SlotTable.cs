using System.Numerics;
using System.Runtime.CompilerServices;

namespace Xmmutablemap.Internal;

// The slot table: small key sets whose hash gives every key a bucket of its own.
internal abstract partial class StringHashIndex
{
    /// <summary>
    /// The table for a small key set whose hash puts every key in a bucket of its own: one slot per bucket,
    /// holding the key, its hash and its position side by side, so a lookup reads one slot and compares once.
    /// </summary>
    private sealed class SlotTable<THasher> : StringHashIndex where THasher : struct, IHasher
    {
        private readonly THasher _hasher;
        private readonly int _minLength;
        private readonly uint _lengthRange;
        private readonly int _mask;
        private readonly int _rotation;
        private readonly Entry[] _slots;

        public SlotTable(string[] keys, THasher hasher, int min, int max, int[] hashes, int size, int rotation) : base(keys)
        {
            _hasher = hasher;
            _minLength = min;
            _lengthRange = (uint)(max - min);
            _mask = size - 1;
            _rotation = rotation;
            _slots = new Entry[size];
            for (int i = 0; i < keys.Length; i++) _slots[SlotOf(hashes[i], rotation, _mask)] = new Entry(keys[i], hashes[i], i);
        }

        internal override string HashName => _hasher.Name;

        internal override int LargestBucket => Keys.Length == 0 ? 0 : 1;

        public override int IndexOf(string key, ref KeyIndex<string>? holder)
        {
            if ((uint)(key.Length - _minLength) > _lengthRange) return -1;
            int hash = _hasher.Hash(key);
            ref readonly Entry slot = ref _slots[SlotOf(hash, _rotation, _mask)];
            // An empty slot's key is null, which no key equals.
            return slot.Hash == hash && slot.Key is { } stored && stored.Length == key.Length && (_hasher.IsExact || SameChars(stored, key)) ? slot.Position : -1;
        }
    }

    /// <summary>A small set's slot for a hash: the bits under the mask after rotating the hash right.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int SlotOf(int hash, int rotation, int mask) => (int)BitOperations.RotateRight((uint)hash, rotation) & mask;

}
