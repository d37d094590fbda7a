using Xmmutablemap;

namespace Xmmutablemap.Benchmarks;

/// <summary>Deterministic inputs shaped like real configs.</summary>
internal static class BenchData
{
    private static readonly string[] Sections = ["model", "optimizer", "data", "schedule", "logging", "trainer", "eval", "augment"];
    private static readonly string[] Fields = ["learning_rate", "weight_decay", "batch_size", "num_layers", "hidden_size", "dropout", "warmup_steps", "seed", "shuffle", "max_grad_norm"];

    /// <summary>n distinct keys of config-like lengths (about 12 to 30 characters), e.g. "optimizer_weight_decay_3".</summary>
    public static string[] Keys(int n) => Enumerable.Range(0, n).Select(Key).ToArray();

    /// <summary>The i-th key of <see cref="Keys"/>.</summary>
    public static string Key(int i) =>
        $"{Sections[i % Sections.Length]}_{Fields[(i / Sections.Length) % Fields.Length]}_{i / (Sections.Length * Fields.Length)}";

    /// <summary>Keys of the same shape that are not in <see cref="Keys"/>.</summary>
    public static string[] MissingKeys(int n) => Keys(n).Select(k => k + "x").ToArray();

    /// <summary>Copies the strings so that lookups compare contents, not references.</summary>
    public static string[] Copies(string[] keys) => keys.Select(k => new string(k.AsSpan())).ToArray();

    /// <summary>The example ML config scaled up to about <paramref name="leaves"/> leaves.</summary>
    public static ImmutableMap<string, object?> Config(int leaves = 1000)
    {
        var layers = new Dictionary<string, object?>();
        int perLayer = 10;
        for (int i = 0; i < leaves / perLayer; i++)
        {
            layers[$"layer_{i:D3}"] = new Dictionary<string, object?>
            {
                ["units"] = 64 + i,
                ["dropout"] = 0.1 + i * 1e-4,
                ["activation"] = i % 2 == 0 ? "gelu" : "relu",
                ["use_bias"] = i % 3 != 0,
                ["init"] = new Dictionary<string, object?> { ["scale"] = 0.02, ["mode"] = "fan_in" },
                ["shape"] = new List<object?> { 3, 3, 64 + i },
                ["name"] = $"block{i}/conv",
            };
        }
        return ImmutableMap.FreezeMap(new Dictionary<string, object?>
        {
            ["experiment"] = "resnet-scaled",
            ["seed"] = 1234,
            ["optimizer"] = new Dictionary<string, object?> { ["name"] = "adamw", ["lr"] = 3e-4, ["betas"] = new List<object?> { 0.9, 0.999 } },
            ["layers"] = layers,
        });
    }

    /// <summary>The same config as plain mutable dictionaries, sorted by key: what users hash by hand.</summary>
    public static SortedDictionary<string, object?> PlainSorted(ImmutableMap<string, object?> map)
    {
        var result = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            result[key] = value switch
            {
                ImmutableMap<string, object?> nested => PlainSorted(nested),
                System.Collections.Immutable.ImmutableArray<object?> list => list.Select(Plain).ToList(),
                _ => value,
            };
        }
        return result;
    }

    /// <summary>The same config as plain Dictionary/List values, for the serialization peers.</summary>
    public static Dictionary<string, object?> PlainDictionary(ImmutableMap<string, object?> map) =>
        map.ToDictionary(p => p.Key, p => Plain(p.Value));

    private static object? Plain(object? value) => value switch
    {
        ImmutableMap<string, object?> m => m.ToDictionary(p => p.Key, p => Plain(p.Value)),
        System.Collections.Immutable.ImmutableArray<object?> a => a.Select(Plain).ToList(),
        _ => value,
    };
}
