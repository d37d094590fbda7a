using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Xmmutablemap.Internal;

/// <summary>
/// For larger sets of string keys: a chained hash table. The hash is chosen per map, cheapest first:
/// a sample of the key (its length and its first and last four characters, which is where config keys
/// differ), then a full hash of every character, then the randomized <see cref="string.GetHashCode()"/>.
/// A cheaper hash is used only if no bucket gets more than a few keys; so, as with
/// <see cref="Dictionary{TKey, TValue}"/>'s own string fast path, keys that collide (by chance or
/// in a hostile document) cost a rebuild, never slow lookups.
/// </summary>
internal abstract class StringHashIndex : KeyIndex<string>
{
    private const int MaxChain = 12;
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;

    protected StringHashIndex(string[] keys) : base(keys)
    {
    }

    /// <summary>Which hash this map ended up with (for tests).</summary>
    internal abstract string HashName { get; }

    public static StringHashIndex Build(string[] keys) =>
        Indexed<SampledHasher>.TryBuild(keys) ?? Indexed<FullHasher>.TryBuild(keys) ?? (StringHashIndex?)Indexed<RandomizedHasher>.TryBuild(keys)!;

    internal interface IHasher
    {
        static abstract int Hash(string key);
        static abstract bool MayGiveUp { get; }
    }

    private struct SampledHasher : IHasher
    {
        public static int Hash(string key) => SampledHash(key);
        public static bool MayGiveUp => true;
    }

    private struct FullHasher : IHasher
    {
        public static int Hash(string key) => FastHash(key);
        public static bool MayGiveUp => true;
    }

    private struct RandomizedHasher : IHasher
    {
        public static int Hash(string key) => key.GetHashCode();
        public static bool MayGiveUp => false;
    }

    /// <summary>The table for one hash: generic over the hasher so that its hash inlines into the lookup.</summary>
    private sealed class Indexed<THasher> : StringHashIndex where THasher : struct, IHasher
    {
        private readonly int[] _buckets;   // 1-based entry index of a chain's head, 0 when empty
        private readonly int[] _next;
        private readonly int[] _hashCodes;
        private readonly int _mask;

        private Indexed(string[] keys, int[] buckets, int[] next, int[] hashCodes) : base(keys)
        {
            _buckets = buckets;
            _next = next;
            _hashCodes = hashCodes;
            _mask = buckets.Length - 1;
        }

        internal override string HashName => typeof(THasher).Name.Replace("Hasher", "");

        public static Indexed<THasher>? TryBuild(string[] keys)
        {
            int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(keys.Length, 1) * 2);
            var buckets = new int[size];
            var chain = new int[size];
            var next = new int[keys.Length];
            var hashes = new int[keys.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                int hash = THasher.Hash(keys[i]);
                hashes[i] = hash;
                int b = hash & (size - 1);
                if (++chain[b] > MaxChain && THasher.MayGiveUp) return null;
                next[i] = buckets[b];
                buckets[b] = i + 1;
            }
            return new Indexed<THasher>(keys, buckets, next, hashes);
        }

        public override int IndexOf(string key)
        {
            int hash = THasher.Hash(key);
            var keys = Keys;
            int i = _buckets[hash & _mask] - 1;
            while ((uint)i < (uint)keys.Length)
            {
                if (_hashCodes[i] == hash && string.Equals(keys[i], key)) return i;
                i = _next[i] - 1;
            }
            return -1;
        }
    }

    /// <summary>Length plus the first and last four UTF-16 chars (fewer for short keys), seeded per process.</summary>
    internal static int SampledHash(string s)
    {
        var chars = s.AsSpan();
        ulong first, last;
        if (chars.Length >= 4)
        {
            first = MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(chars[..4]));
            last = MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(chars[^4..]));
        }
        else
        {
            first = 0;
            foreach (char c in chars) first = (first << 16) | c;
            last = first;
        }
        ulong h = (first * 0x9E3779B97F4A7C15UL) ^ (last * 0xBF58476D1CE4E5B9UL) ^ (Seed + (ulong)chars.Length);
        h ^= h >> 29;
        h *= 0x94D049BB133111EBUL;
        return (int)(h ^ (h >> 32));
    }

    /// <summary>A multiply-xorshift hash over 8-byte words of the string's UTF-16 bytes, seeded per process.</summary>
    internal static int FastHash(string s)
    {
        var bytes = MemoryMarshal.AsBytes(s.AsSpan());
        ulong h = Seed ^ ((ulong)bytes.Length * 0x9E3779B97F4A7C15UL);
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (ulong word in words)
        {
            h = (h ^ word) * 0xBF58476D1CE4E5B9UL;
            h ^= h >> 31;
        }
        var tail = bytes[(words.Length * 8)..];
        if (!tail.IsEmpty)
        {
            Span<byte> last = stackalloc byte[8];
            last.Clear();
            tail.CopyTo(last);
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(last)) * 0xBF58476D1CE4E5B9UL;
            h ^= h >> 31;
        }
        h *= 0x94D049BB133111EBUL;
        return (int)(h ^ (h >> 32));
    }
}
