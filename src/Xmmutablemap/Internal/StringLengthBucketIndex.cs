namespace Xmmutablemap.Internal;

/// <summary>
/// For small sets of string keys: keys grouped by length, so a lookup checks the length range and then
/// compares against the few keys of that exact length. No hashing at all.
/// </summary>
internal sealed class StringLengthBucketIndex : KeyIndex<string>
{
    private const int MaxKeys = 64;
    private const int MaxPerBucket = 4;
    private const int MaxLengthSpread = 128;

    private readonly int _minLength;
    private readonly int[] _bucketStart;  // per length - _minLength: first slot in _slots; length+1 entries
    private readonly int[] _slots;        // key positions (canonical order), grouped by length

    private StringLengthBucketIndex(string[] keys, int minLength, int[] bucketStart, int[] slots) : base(keys)
    {
        _minLength = minLength;
        _bucketStart = bucketStart;
        _slots = slots;
    }

    public static StringLengthBucketIndex? TryCreate(string[] keys)
    {
        if (keys.Length > MaxKeys) return null;
        if (keys.Length == 0) return new StringLengthBucketIndex(keys, 0, [0, 0], []);
        int min = int.MaxValue, max = 0;
        foreach (var key in keys)
        {
            min = Math.Min(min, key.Length);
            max = Math.Max(max, key.Length);
        }
        if (max - min >= MaxLengthSpread) return null;
        Span<int> counts = stackalloc int[max - min + 1];
        counts.Clear();
        foreach (var key in keys)
        {
            if (++counts[key.Length - min] > MaxPerBucket) return null;
        }
        var start = new int[counts.Length + 1];
        for (int i = 0; i < counts.Length; i++) start[i + 1] = start[i] + counts[i];
        Span<int> fill = counts; // reused: now the next free slot per length
        start.AsSpan(0, counts.Length).CopyTo(fill);
        var slots = new int[keys.Length];
        for (int i = 0; i < keys.Length; i++) slots[fill[keys[i].Length - min]++] = i;
        return new StringLengthBucketIndex(keys, min, start, slots);
    }

    public override int IndexOf(string key, ref KeyIndex<string>? holder)
    {
        uint bucket = (uint)(key.Length - _minLength);
        var starts = _bucketStart;
        if (bucket >= (uint)(starts.Length - 1)) return -1;
        var keys = Keys;
        for (int s = starts[bucket], end = starts[bucket + 1]; s < end; s++)
        {
            int i = _slots[s];
            if (string.Equals(keys[i], key)) return i;
        }
        return -1;
    }
}
