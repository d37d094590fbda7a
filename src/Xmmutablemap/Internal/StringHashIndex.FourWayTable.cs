using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Xmmutablemap.Internal;

internal abstract partial class StringHashIndex
{
    /// <summary>
    /// The table for an analysed set of a few hundred keys: too many for a slot per key without collisions
    /// (that needs slots growing with the square of the keys), enough that <see cref="Table{THasher}"/>'s loop
    /// over buckets of varying size mispredicts. Each bucket holds up to four keys with their hashes side by
    /// side, and a lookup compares its hash with all four at once: a miss usually ends there, a hit compares one
    /// key, and no lookup loops over a bucket of unknown size.
    /// </summary>
    private sealed class FourWayTable<THasher> : StringHashIndex where THasher : struct, IHasher
    {
        /// <summary>Beyond this the buckets needed to keep every bucket at four keys cost too much memory.</summary>
        public const int MaxKeys = 1024;

        private readonly THasher _hasher;
        private readonly int _minLength;
        private readonly uint _lengthRange;
        private readonly int _mask;
        private readonly int _rotation;
        private readonly FourWayBucket[] _buckets;

        private FourWayTable(string[] keys, THasher hasher, int min, int max, int[] hashes, int bucketCount, int rotation) : base(keys)
        {
            _hasher = hasher;
            _minLength = min;
            _lengthRange = (uint)(max - min);
            _mask = bucketCount - 1;
            _rotation = rotation;
            _buckets = new FourWayBucket[bucketCount];
            var filled = new byte[bucketCount];
            for (int b = 0; b < bucketCount; b++) _buckets[b].Hashes = Vector128.Create(EmptyLaneHash(b, rotation, _mask));
            for (int i = 0; i < keys.Length; i++)
            {
                int b = SlotOf(hashes[i], rotation, _mask);
                int lane = filled[b]++;
                ref var bucket = ref _buckets[b];
                bucket.Hashes = bucket.Hashes.WithElement(lane, hashes[i]);
                bucket.Positions = bucket.Positions.WithElement(lane, i);
                bucket.Keys[lane] = keys[i];
            }
        }

        internal override string HashName => _hasher.Name;

        internal override int LargestBucket
        {
            get
            {
                int largest = 0;
                foreach (var bucket in _buckets)
                {
                    int count = 0;
                    for (int lane = 0; lane < 4; lane++) count += bucket.Keys[lane] is null ? 0 : 1;
                    largest = Math.Max(largest, count);
                }
                return largest;
            }
        }

        /// <summary>
        /// Buckets for about two keys each, then four and eight times as many, each tried with the bucket taken
        /// from several bits of the hash; null if every try overflows a bucket (hostile keys: the caller then
        /// tries the next hash).
        /// </summary>
        public static StringHashIndex? TryBuild(string[] keys, int min, int max, THasher hasher, int[] hashes)
        {
            int first = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(keys.Length / 2, 2));
            var filled = new byte[first * 4];
            for (int count = first; count <= first * 4; count *= 2)
            {
                foreach (int rotation in (ReadOnlySpan<int>)[0, 11, 22, 5, 16, 27])
                {
                    if (FitsFourPerBucket(hashes, filled.AsSpan(0, count), rotation)) return new FourWayTable<THasher>(keys, hasher, min, max, hashes, count, rotation);
                }
            }
            return null;
        }

        private static bool FitsFourPerBucket(int[] hashes, Span<byte> filled, int rotation)
        {
            filled.Clear();
            int mask = filled.Length - 1;
            foreach (int hash in hashes)
            {
                if (++filled[SlotOf(hash, rotation, mask)] > 4) return false;
            }
            return true;
        }

        public override int IndexOf(string key, ref KeyIndex<string>? holder)
        {
            if ((uint)(key.Length - _minLength) > _lengthRange) return -1;
            int hash = _hasher.Hash(key);
            ref FourWayBucket bucket = ref _buckets[SlotOf(hash, _rotation, _mask)];
            uint matches = Vector128.Equals(bucket.Hashes, Vector128.Create(hash)).ExtractMostSignificantBits();
            // Usually no lane matches (a miss) or one does; more only where keys share a hash, which the
            // analysis allows for at most one key in twenty.
            while (matches != 0)
            {
                int lane = BitOperations.TrailingZeroCount(matches);
                string stored = Unsafe.Add(ref Unsafe.As<FourKeys, string>(ref bucket.Keys), lane);
                if (stored.Length == key.Length && (_hasher.IsExact || SameChars(stored, key)))
                {
                    return Unsafe.Add(ref Unsafe.As<Vector128<int>, int>(ref bucket.Positions), lane);
                }
                matches &= matches - 1;
            }
            return -1;
        }
    }

    /// <summary>
    /// The hash an empty lane of a four-way bucket holds: one whose bucket is a different one, so no key looked
    /// up in this bucket can match it, and a lookup never reads the lane's missing key.
    /// </summary>
    internal static int EmptyLaneHash(int bucket, int rotation, int mask) => (int)BitOperations.RotateLeft((uint)((bucket ^ 1) & mask), rotation);

    /// <summary>Four keys with their hashes and positions: 64 bytes, a cache line when aligned.</summary>
    private struct FourWayBucket
    {
        public Vector128<int> Hashes;
        public Vector128<int> Positions;
        public FourKeys Keys;
    }

    [InlineArray(4)]
    private struct FourKeys
    {
        private string? _key;
    }
}
