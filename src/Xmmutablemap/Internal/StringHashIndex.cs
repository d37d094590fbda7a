using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Xmmutablemap.Internal;

/// <summary>
/// For string keys beyond <see cref="StringLengthBucketIndex"/>: a hash table whose hash is chosen per key set,
/// as <c>FrozenDictionary</c> does. The keys are analysed once: keys of one or two characters are packed into
/// their own hash; otherwise the first window of 4 characters (2 or 1 for shorter keys, then 8), counted from
/// the start or from the end of the key, that tells nearly all keys apart (at most 5% of them share a hash) is hashed together
/// with the key's length; then the first and last four characters together; then the first four and the
/// last sixteen; if none does, every character is hashed,
/// and in the last resort the randomized <see cref="string.GetHashCode()"/>. A hash is used only if no bucket
/// gets more than a few keys, so keys that collide (by chance or in a hostile document) cost a rebuild, never
/// slow lookups. Lookups first reject keys whose length no key has.
/// </summary>
internal abstract partial class StringHashIndex : KeyIndex<string>
{
    private const int MaxBucket = 12;
    private const int MaxWindowStarts = 16;
    private const int SmallSet = 64;
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;

    protected StringHashIndex(string[] keys) : base(keys)
    {
    }

    /// <summary>Which hash this map ended up with (for tests): <c>Window4FromEnd</c>, <c>Full</c>, ...</summary>
    internal abstract string HashName { get; }

    /// <summary>The most keys any bucket holds (for tests: never more than a few, whatever the keys).</summary>
    internal abstract int LargestBucket { get; }

    /// <summary>A table on a window of characters that tells the keys apart, or null if none does.</summary>
    public static StringHashIndex? TryBuildOnWindow(string[] keys)
    {
        var (min, max) = LengthRange(keys);
        // Keys of one or two characters are their own hash: no window is cheaper, and no compare is needed.
        if (min >= 1 && max <= 2 && Table<PackedHasher>.TryBuild(keys, min, max, default) is { } packed) return packed;
        var distinct = new HashSet<int>();
        // A window of four characters is one 64-bit read, as cheap as one of one or two characters, and tells
        // far more absent keys from present ones by their hash alone (a UUID's one hex digit matches one key
        // in two of a set of eight; four digits, one in eight thousand), so misses skip the compare. Narrower
        // windows serve keys too short for it; eight characters cost a second read.
        return TryWindows<Window4>(keys, min, max, 4, distinct)
            ?? TryWindows<Window2>(keys, min, max, 2, distinct)
            ?? TryWindows<Window1>(keys, min, max, 1, distinct)
            ?? TryWindows<Window8>(keys, min, max, 8, distinct);
    }

    /// <summary>A table on both ends of the keys, or on all their characters, for keys no window tells apart.</summary>
    public static StringHashIndex BuildOnWholeKeys(string[] keys)
    {
        var (min, max) = LengthRange(keys);
        var distinct = new HashSet<int>();
        return (min >= 4 && FewDuplicates(keys, default(EndsHasher), distinct) ? Table<EndsHasher>.TryBuild(keys, min, max, default) : null)
            ?? (min >= 3 && FewDuplicates(keys, default(HeadAndTailHasher), distinct) ? Table<HeadAndTailHasher>.TryBuild(keys, min, max, default) : null)
            ?? (StringHashIndex?)Table<FullHasher>.TryBuild(keys, min, max, default)
            ?? Table<RandomizedHasher>.TryBuild(keys, min, max, default)!;
    }

    /// <summary>A table on all the characters of the keys, with no analysis: what a map's first lookups use.</summary>
    public static StringHashIndex BuildOnFullKeys(string[] keys)
    {
        var (min, max) = LengthRange(keys);
        return (StringHashIndex?)Table<FullHasher>.TryBuild(keys, min, max, default, analysed: false)
            ?? Table<RandomizedHasher>.TryBuild(keys, min, max, default, analysed: false)!;
    }

    private static (int Min, int Max) LengthRange(string[] keys)
    {
        int min = keys.Length == 0 ? 0 : int.MaxValue, max = 0;
        foreach (var key in keys)
        {
            min = Math.Min(min, key.Length);
            max = Math.Max(max, key.Length);
        }
        return (min, max);
    }

    /// <summary>Tries each start of a window of one width, from the key's start and then from its end.</summary>
    private static StringHashIndex? TryWindows<TWindow>(string[] keys, int min, int max, int width, HashSet<int> distinct)
        where TWindow : struct, IWindowHasher<TWindow>
    {
        for (int start = 0; start + width <= min && start < MaxWindowStarts; start++)
        {
            foreach (bool fromEnd in (ReadOnlySpan<bool>)[false, true])
            {
                var hasher = TWindow.Create(start, width, fromEnd);
                if (FewDuplicates(keys, hasher, distinct) && Table<TWindow>.TryBuild(keys, min, max, hasher) is { } table) return table;
            }
        }
        return null;
    }

    private static bool FewDuplicates<THasher>(string[] keys, THasher hasher, HashSet<int> distinct) where THasher : struct, IHasher
    {
        int allowed = keys.Length / 20;
        distinct.Clear();
        foreach (var key in keys)
        {
            if (!distinct.Add(hasher.Hash(key)) && --allowed < 0) return false;
        }
        return true;
    }

    internal interface IHasher
    {
        int Hash(string key);

        /// <summary>
        /// Whether equal hashes of keys of equal length mean equal keys (the hash is a bijection of the
        /// characters), so that a lookup need not compare characters.
        /// </summary>
        bool IsExact { get; }

        bool MayGiveUp { get; }
        string Name { get; }
    }

    internal interface IWindowHasher<TSelf> : IHasher where TSelf : struct
    {
        static abstract TSelf Create(int start, int width, bool fromEnd);
    }

    /// <summary>
    /// Where a window starts in a key: <c>_offset + (length &amp; _lengthMask)</c>, so one branch-free formula
    /// serves windows counted from the start (mask 0) and from the end (mask all ones, offset negative).
    /// </summary>
    [StructLayout(LayoutKind.Auto)]
    private readonly struct WindowStart(int start, int width, bool fromEnd)
    {
        private readonly int _offset = fromEnd ? -(start + width) : start;
        private readonly int _lengthMask = fromEnd ? -1 : 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int In(string key) => _offset + (key.Length & _lengthMask);

        public string Name(int width) => $"Window{width}" + (_lengthMask == 0 ? "" : "FromEnd");
    }

    private readonly struct Window1(WindowStart at) : IWindowHasher<Window1>
    {
        public static Window1 Create(int start, int width, bool fromEnd) => new(new WindowStart(start, width, fromEnd));
        public int Hash(string key) => Mix(key[at.In(key)], key.Length);
        public bool IsExact => false;
        public bool MayGiveUp => true;
        public string Name => at.Name(1);
    }

    private readonly struct Window2(WindowStart at) : IWindowHasher<Window2>
    {
        public static Window2 Create(int start, int width, bool fromEnd) => new(new WindowStart(start, width, fromEnd));
        public int Hash(string key) => Mix(MemoryMarshal.Read<uint>(MemoryMarshal.AsBytes(key.AsSpan(at.In(key), 2))), key.Length);
        public bool IsExact => false;
        public bool MayGiveUp => true;
        public string Name => at.Name(2);
    }

    private readonly struct Window4(WindowStart at) : IWindowHasher<Window4>
    {
        public static Window4 Create(int start, int width, bool fromEnd) => new(new WindowStart(start, width, fromEnd));
        public int Hash(string key) => Mix(MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(key.AsSpan(at.In(key), 4))), key.Length);
        public bool IsExact => false;
        public bool MayGiveUp => true;
        public string Name => at.Name(4);
    }

    private readonly struct Window8(WindowStart at) : IWindowHasher<Window8>
    {
        public static Window8 Create(int start, int width, bool fromEnd) => new(new WindowStart(start, width, fromEnd));

        public int Hash(string key)
        {
            var bytes = MemoryMarshal.AsBytes(key.AsSpan(at.In(key), 8));
            ulong first = MemoryMarshal.Read<ulong>(bytes), second = MemoryMarshal.Read<ulong>(bytes[8..]);
            return Mix(first ^ (second * 0xC2B2AE3D27D4EB4FUL), key.Length);
        }

        public bool IsExact => false;
        public bool MayGiveUp => true;
        public string Name => at.Name(8);
    }

    /// <summary>
    /// Keys of one or two characters: both characters read as one 32-bit word (a one-character key's second
    /// half is its terminating null, which every string has) and mixed by steps that are each invertible, so
    /// that two keys of the same length have the same hash only if they are equal. The rotation at the end
    /// brings the product's best-mixed upper bits down to where the table's mask takes them.
    /// </summary>
    private readonly struct PackedHasher : IHasher
    {
        public int Hash(string key)
        {
            uint packed = Unsafe.ReadUnaligned<uint>(ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(key.AsSpan())));
            uint h = packed ^ (uint)Seed;
            h ^= h >> 16;
            return (int)BitOperations.RotateLeft(h * 0x9E3779B1u, 16);
        }

        public bool IsExact => true;
        public bool MayGiveUp => true;
        public string Name => "Packed";
    }

    /// <summary>The first and the last four characters: where keys that share neither a prefix nor a suffix differ.</summary>
    private readonly struct EndsHasher : IHasher
    {
        public int Hash(string key)
        {
            var bytes = MemoryMarshal.AsBytes(key.AsSpan());
            ulong first = MemoryMarshal.Read<ulong>(bytes), last = MemoryMarshal.Read<ulong>(bytes[^8..]);
            return Mix(first ^ (last * 0xC2B2AE3D27D4EB4FUL), key.Length);
        }

        public bool IsExact => false;
        public bool MayGiveUp => true;
        public string Name => "Ends";
    }

    /// <summary>
    /// The first four and the last sixteen characters, read as five words whatever the key's length, so the
    /// hash has no loop and no branch: config keys of mixed lengths and shapes (<c>lr7</c> beside
    /// <c>optimizer.param_groups.7.weight_decay</c>) mostly differ near their end, and a hash whose work
    /// depends on the length mispredicts from one key to the next. Words past a short key's start are read
    /// at its start instead (clamped), and a key of three characters is read with its terminating null,
    /// which every string has, so no read leaves the string.
    /// </summary>
    private readonly struct HeadAndTailHasher : IHasher
    {
        public int Hash(string key)
        {
            int length = key.Length * sizeof(char);
            ref byte start = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(key.AsSpan()));
            ulong head = Unsafe.ReadUnaligned<ulong>(ref start);
            ulong a = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, Math.Max(length - 32, 0)));
            ulong b = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, Math.Max(length - 24, 0)));
            ulong c = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, Math.Max(length - 16, 0)));
            ulong d = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, Math.Max(length - 8, 0)));
            ulong x = (Seed ^ head ^ BitOperations.RotateLeft(a, 32)) * 0xBF58476D1CE4E5B9UL;
            ulong y = (Seed ^ b ^ ((ulong)(uint)length << 40)) * 0x94D049BB133111EBUL;
            x = (BitOperations.RotateLeft(x, 23) ^ c) * 0xBF58476D1CE4E5B9UL;
            y = (BitOperations.RotateLeft(y, 29) ^ d) * 0x94D049BB133111EBUL;
            ulong h = x ^ BitOperations.RotateLeft(y, 32);
            h ^= h >> 31;
            h *= 0x94D049BB133111EBUL;
            return (int)(h ^ (h >> 32));
        }

        public bool IsExact => false;
        public bool MayGiveUp => true;
        public string Name => "HeadAndTail";
    }

    private readonly struct FullHasher : IHasher
    {
        public int Hash(string key) => FastHash(key);
        public bool IsExact => false;
        public bool MayGiveUp => true;
        public string Name => "Full";
    }

    private readonly struct RandomizedHasher : IHasher
    {
        public int Hash(string key) => key.GetHashCode();
        public bool IsExact => false;
        public bool MayGiveUp => false;
        public string Name => "Randomized";
    }

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

    /// <summary>A key with its hash and its position in canonical order, side by side: a lookup reads one cache line.</summary>
    private readonly record struct Entry(string? Key, int Hash, int Position);

    /// <summary>
    /// Whether two strings of the same length hold the same characters. Keys of up to 48 characters (nearly
    /// all config keys) are compared inline as overlapping words or vectors, the last ending at the key's end;
    /// the call into the general comparison costs more than that. Longer ones go to <see cref="string.Equals(string, string)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool SameChars(string stored, string key)
    {
        int length = key.Length;
        ref byte a = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(stored.AsSpan()));
        ref byte b = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(key.AsSpan()));
        if (length >= 16 && length <= 48 && Vector256.IsHardwareAccelerated)
        {
            // Three 32-byte compares at clamped offsets (the last ends at the key's end), so every length from
            // 16 to 48 takes this one path: config keys of several lengths do not mispredict among paths.
            nuint last = (nuint)(length * sizeof(char) - Vector256<byte>.Count);
            nuint second = Math.Min((nuint)Vector256<byte>.Count, last);
            var difference = (Vector256.LoadUnsafe(ref a) ^ Vector256.LoadUnsafe(ref b))
                | (Vector256.LoadUnsafe(ref a, second) ^ Vector256.LoadUnsafe(ref b, second))
                | (Vector256.LoadUnsafe(ref a, last) ^ Vector256.LoadUnsafe(ref b, last));
            return difference == Vector256<byte>.Zero;
        }
        if (length > 8)
        {
            if (length <= 16)
            {
                nuint lastVector = (nuint)(length * sizeof(char) - Vector128<byte>.Count);
                return Vector128.LoadUnsafe(ref a) == Vector128.LoadUnsafe(ref b)
                    && Vector128.LoadUnsafe(ref a, lastVector) == Vector128.LoadUnsafe(ref b, lastVector);
            }
            return string.Equals(stored, key);
        }
        if (length >= 4)
        {
            int last = (length - 4) * sizeof(char);
            return Unsafe.ReadUnaligned<ulong>(ref a) == Unsafe.ReadUnaligned<ulong>(ref b)
                && Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, last)) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, last));
        }
        if (length >= 2)
        {
            int last = (length - 2) * sizeof(char);
            return Unsafe.ReadUnaligned<uint>(ref a) == Unsafe.ReadUnaligned<uint>(ref b)
                && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref a, last)) == Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, last));
        }
        return length == 0 || a == b && Unsafe.Add(ref a, 1) == Unsafe.Add(ref b, 1);
    }

    /// <summary>
    /// Mixes a window's characters and the key's length into a seeded 32-bit hash with one dependent
    /// multiplication: the window's halves are folded first, so that every character reaches the product's
    /// upper half, which is kept; the length's product is computed alongside. Weak sets of keys are caught
    /// by the analysis (too many equal hashes, or a bucket over <see cref="MaxBucket"/>), not by the mixing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Mix(ulong window, int length)
    {
        ulong h = ((window ^ (window >> 32) ^ Seed) * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)length * 0xC2B2AE3D27D4EB4FUL);
        return (int)(h >> 32);
    }

    /// <summary>
    /// A multiply-rotate hash over 8-byte words of the string's UTF-16 bytes, seeded per process and by length.
    /// Two lanes take alternate words, so that long keys are not one long chain of dependent multiplications;
    /// each step is a rotation, an exclusive or and a multiplication (the rotation brings the high bits that
    /// multiplication pushes up back down); the last word is read ending at the last byte (overlapping the one
    /// before), so no tail loop is needed; strings under four chars are packed into one word. A final mix folds
    /// both halves into the 32 bits kept. Key sets it serves badly are caught by the analysis (bucket sizes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int FastHash(string s)
    {
        int length = s.Length * sizeof(char);
        ref byte start = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(s.AsSpan()));
        ulong h = Seed ^ ((ulong)(uint)s.Length * 0x9E3779B97F4A7C15UL);
        if (length >= 8)
        {
            ulong other = h ^ 0x6A09E667F3BCC909UL;
            int at = 0;
            for (; at + 16 < length; at += 16)
            {
                h = (BitOperations.RotateLeft(h, 23) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, at))) * 0xBF58476D1CE4E5B9UL;
                other = (BitOperations.RotateLeft(other, 29) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, at + 8))) * 0x94D049BB133111EBUL;
            }
            if (length - at > 8) h = (BitOperations.RotateLeft(h, 23) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, at))) * 0xBF58476D1CE4E5B9UL;
            other = (BitOperations.RotateLeft(other, 29) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, length - 8))) * 0x94D049BB133111EBUL;
            h ^= BitOperations.RotateLeft(other, 32);
        }
        else
        {
            ulong packed = length switch
            {
                0 => 0,
                2 => s[0],
                4 => Unsafe.ReadUnaligned<uint>(ref start),
                _ => Unsafe.ReadUnaligned<uint>(ref start) | ((ulong)s[2] << 32),
            };
            h = (h ^ packed) * 0xBF58476D1CE4E5B9UL;
        }
        h ^= h >> 31;
        h *= 0x94D049BB133111EBUL;
        return (int)(h ^ (h >> 32));
    }
}
