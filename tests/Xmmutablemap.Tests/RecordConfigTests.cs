namespace Xmmutablemap.Tests;

/// <summary>The seed README's frozen dataclass, translated: an ImmutableMap is a safe default member.</summary>
public class RecordConfigTests
{
    private sealed record Config
    {
        public ImmutableMap<string, double> Params { get; init; } =
            ImmutableMap.Of(("learning_rate", 0.001), ("momentum", 0.9), ("weight_decay", 1e-4));

        public int BatchSize { get; init; } = 32;
    }

    [Fact]
    public void Records_with_a_map_member_compare_by_content()
    {
        var a = new Config();
        var b = new Config { Params = ImmutableMap.Of(("weight_decay", 1e-4), ("momentum", 0.9), ("learning_rate", 0.001)) };
        Assert.NotSame(a.Params, b.Params);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Params = b.Params.SetItem("momentum", 0.95) });
    }

    [Fact]
    public void A_record_config_works_as_a_dictionary_key_for_memoization()
    {
        var cache = new Dictionary<Config, double>();
        int computed = 0;
        double TrainStep(Config config)
        {
            if (cache.TryGetValue(config, out var hit)) return hit;
            computed++;
            return cache[config] = config.Params["learning_rate"] * 2;
        }
        Assert.Equal(0.002, TrainStep(new Config()));
        Assert.Equal(0.002, TrainStep(new Config { Params = ImmutableMap.Of(("momentum", 0.9), ("learning_rate", 0.001), ("weight_decay", 1e-4)) }));
        Assert.Equal(1, computed);
        TrainStep(new Config { BatchSize = 64 });
        Assert.Equal(2, computed);
    }
}
