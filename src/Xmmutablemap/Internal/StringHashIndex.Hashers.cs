using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Xmmutablemap.Internal;

// The hashes an analysed key set can get (windows, packed, ends, head and tail, whole key, randomized) and their mixing.
internal abstract partial class StringHashIndex
{
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
