using System.Text;

namespace Xmmutablemap.LoadTest;

/// <summary>Random configs as JSON text, shaped like experiment configs: nested sections of strings, integers,
/// floats (some integral, written with a fraction), booleans, nulls and short lists.</summary>
public static class ConfigPool
{
    public static byte[][] Create(int size, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, size).Select(i => Encoding.UTF8.GetBytes(Section(random, 0, i))).ToArray();
    }

    private static string Section(Random random, int depth, int id)
    {
        var text = new StringBuilder("{");
        int keys = random.Next(3, depth == 0 ? 12 : 7);
        for (int k = 0; k < keys; k++)
        {
            if (k > 0) text.Append(',');
            text.Append('"').Append(depth == 0 && k == 0 ? "id" : $"key_{depth}_{k}_{random.Next(50)}").Append("\":");
            if (depth == 0 && k == 0) { text.Append(id); continue; }
            text.Append(Value(random, depth));
        }
        return text.Append('}').ToString();
    }

    private static string Value(Random random, int depth) => random.Next(depth < 2 ? 8 : 6) switch
    {
        0 => random.Next(-1000, 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        1 => (random.NextDouble() * 10).ToString("R", System.Globalization.CultureInfo.InvariantCulture) + (random.Next(4) == 0 ? "e-3" : ""),
        2 => random.Next(5) + ".0",
        3 => "\"" + new string((char)('a' + random.Next(26)), random.Next(1, 20)) + "\"",
        4 => random.Next(2) == 0 ? "true" : "null",
        5 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 5)).Select(_ => random.Next(1000))) + "]",
        _ => Section(random, depth + 1, 0),
    };
}
