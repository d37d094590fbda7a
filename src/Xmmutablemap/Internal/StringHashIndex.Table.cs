using System.Numerics;

namespace Xmmutablemap.Internal;

// The bucketed table: any key set, buckets of varying size.
internal abstract partial class StringHashIndex
{
    /// <summary>
    /// The table for one hash, generic over the hasher so that its hash inlines into the lookup. Buckets are
    /// contiguous runs of entries (start offsets in <see cref="_bucketStarts"/>), each entry its stored hash,
    /// its key and the key's position in canonical order side by side: a lookup touches two arrays.
    /// </summary>
    private sealed class Table<THasher> : StringHashIndex where THasher : struct, IHasher
    {
        private readonly THasher _hasher;
        private readonly int _minLength;
        private readonly uint _lengthRange;
        private readonly int _mask;
        private readonly int[] _bucketStarts;   // bucket b holds entries [_bucketStarts[b], _bucketStarts[b + 1])
        private readonly Entry[] _entries;

        private Table(string[] keys, THasher hasher, int min, int max, int[] bucketStarts, Entry[] entries)
            : base(keys)
        {
            _hasher = hasher;
            _minLength = min;
            _lengthRange = (uint)(max - min);
            _mask = bucketStarts.Length - 3; // size + 2 entries: see TryBuild
            _bucketStarts = bucketStarts;
            _entries = entries;
        }

        internal override string HashName => _hasher.Name;

        internal override int LargestBucket
        {
            get
            {
                int largest = 0;
                for (int b = 0; b <= _mask; b++) largest = Math.Max(largest, _bucketStarts[b + 1] - _bucketStarts[b]);
                return largest;
            }
        }

        public static StringHashIndex? TryBuild(string[] keys, int min, int max, THasher hasher, bool analysed = true)
        {
            var hashes = new int[keys.Length];
            for (int i = 0; i < keys.Length; i++) hashes[i] = hasher.Hash(keys[i]);
            int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(keys.Length, 1) * 2);
            // Small sets get up to 32 slots per key until no two keys share one: a lookup then reads one slot and
            // compares once, with no loop. Each size tries the slot taken from several different bits of the
            // hash, so that whether a small set gets its slots does not depend on the process's seed.
            if (keys.Length <= SmallSet)
            {
                for (int slots = size; slots <= Math.Max(keys.Length * 32, size); slots *= 2)
                {
                    foreach (int rotation in (ReadOnlySpan<int>)[0, 11, 22, 5, 16, 27])
                    {
                        if (!SharesABucket(hashes, slots, rotation)) return new SlotTable<THasher>(keys, hasher, min, max, hashes, slots, rotation);
                    }
                }
            }
            // Analysed sets of a few hundred keys get buckets of four: a lookup compares four hashes at once, with no
            // loop over a bucket of unknown size. A map's first index skips them: they take more memory to build.
            if (analysed && keys.Length > SmallSet && keys.Length <= FourWayTable<THasher>.MaxKeys
                && FourWayTable<THasher>.TryBuild(keys, min, max, hasher, hashes) is { } fourWay) return fourWay;
            var starts = new int[size + 2];
            foreach (int hash in hashes)
            {
                if (++starts[(hash & (size - 1)) + 2] > MaxBucket && hasher.MayGiveUp) return null;
            }
            // Counting sort into buckets: starts[b + 1] becomes bucket b's next free entry, then its end.
            for (int b = 2; b < starts.Length; b++) starts[b] += starts[b - 1];
            var entries = new Entry[keys.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                int at = starts[(hashes[i] & (size - 1)) + 1]++;
                entries[at] = new Entry(keys[i], hashes[i], i);
            }
            return new Table<THasher>(keys, hasher, min, max, starts, entries);
        }

        internal static bool SharesABucket(int[] hashes, int size, int rotation = 0)
        {
            Span<bool> taken = size <= 1024 ? stackalloc bool[size] : new bool[size];
            taken.Clear();
            foreach (int hash in hashes)
            {
                ref bool slot = ref taken[SlotOf(hash, rotation, size - 1)];
                if (slot) return true;
                slot = true;
            }
            return false;
        }

        public override int IndexOf(string key, ref KeyIndex<string>? holder)
        {
            if ((uint)(key.Length - _minLength) > _lengthRange) return -1;
            int hash = _hasher.Hash(key);
            int bucket = hash & _mask;
            var starts = _bucketStarts;
            int end = starts[bucket + 1];
            var entries = _entries;
            for (int i = starts[bucket]; (uint)i < (uint)end; i++)
            {
                ref readonly Entry entry = ref entries[i];
                if (entry.Hash == hash && entry.Key!.Length == key.Length && (_hasher.IsExact || SameChars(entry.Key, key))) return entry.Position;
            }
            return -1;
        }
    }
}
