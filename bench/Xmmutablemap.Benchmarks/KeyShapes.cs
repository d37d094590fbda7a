namespace Xmmutablemap.Benchmarks;

/// <summary>Deterministic keys of each <see cref="KeyShape"/>: a map's keys and misses of the same shape.</summary>
public static class KeyShapes
{
    /// <summary>
    /// 2n distinct keys of one shape in random order (seeded): the first n are the map's keys, the other n
    /// are misses that look like them.
    /// </summary>
    public static (string[] Keys, string[] Misses) Generate(KeyShape shape, int n, int seed = 42)
    {
        var random = new Random(seed);
        var all = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<string>(2 * n);
        int i = 0;
        while (ordered.Count < 2 * n)
        {
            string key = Make(shape, i++, random);
            if (all.Add(key)) ordered.Add(key);
        }
        var keys = ordered.ToArray();
        random.Shuffle(keys);
        return (keys[..n], keys[n..]);
    }

    private static string Make(KeyShape shape, int i, Random random) => shape switch
    {
        KeyShape.Dotted => $"section{random.Next(10)}.param_{random.Next(100):D2}_{random.Next(1000):D3}",
        KeyShape.Numbered => $"layer_{i:D5}",
        KeyShape.Uuid => NewGuid(random).ToString(),
        KeyShape.Short => Letters(i + 1),
        KeyShape.Mixed => (i % 5) switch
        {
            0 => $"model.encoder.block{i / 5}.attn",
            1 => $"lr{i / 5}",
            2 => $"data/augment/{i / 5}/p",
            3 => $"optimizer.param_groups.{i / 5}.weight_decay",
            _ => $"w{i / 5}_b",
        },
        KeyShape.Config => BenchData.Key(i),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    // 1 -> "a", 26 -> "z", 27 -> "aa", ... (bijective base 26)
    private static string Letters(int number)
    {
        Span<char> text = stackalloc char[8];
        int at = text.Length;
        while (number > 0)
        {
            number--;
            text[--at] = (char)('a' + number % 26);
            number /= 26;
        }
        return new string(text[at..]);
    }
}
