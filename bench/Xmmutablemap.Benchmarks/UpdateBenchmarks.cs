using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Xmmutablemap;

namespace Xmmutablemap.Benchmarks;

/// <summary>SetItem of one existing key, and SetItems of 10 keys (half new), against ImmutableDictionary.</summary>
public class UpdateBenchmarks
{
    [Params(10, 1_000)]
    public int N;

    private ImmutableMap<string, int> _map = null!;
    private ImmutableDictionary<string, int> _dictionary = null!;
    private string _key = null!;
    private KeyValuePair<string, int>[] _ten = null!;

    [GlobalSetup]
    public void Setup()
    {
        var keys = BenchData.Keys(N);
        var pairs = keys.Select((k, i) => KeyValuePair.Create(k, i)).ToArray();
        _map = pairs.ToImmutableMap();
        _dictionary = ImmutableDictionary.CreateRange(pairs);
        _key = keys[N / 2];
        var extra = BenchData.MissingKeys(5);
        _ten = keys.Take(5).Concat(extra).Select((k, i) => KeyValuePair.Create(k, -i - 1)).ToArray();
    }

    [BenchmarkCategory("SetItem"), Benchmark]
    public ImmutableMap<string, int> ImmutableMap_SetItem() => _map.SetItem(_key, -1);

    [BenchmarkCategory("SetItem"), Benchmark(Baseline = true)]
    public ImmutableDictionary<string, int> ImmutableDictionary_SetItem() => _dictionary.SetItem(_key, -1);

    [BenchmarkCategory("SetItems10"), Benchmark]
    public ImmutableMap<string, int> ImmutableMap_SetItems10() => _map.SetItems(_ten);

    [BenchmarkCategory("SetItems10"), Benchmark(Baseline = true)]
    public ImmutableDictionary<string, int> ImmutableDictionary_SetItems10() => _dictionary.SetItems(_ten);
}
