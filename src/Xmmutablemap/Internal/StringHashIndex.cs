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
}
