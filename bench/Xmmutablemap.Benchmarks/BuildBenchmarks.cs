using System.Collections.Frozen;
using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Xmmutablemap;

namespace Xmmutablemap.Benchmarks;

/// <summary>Building a map from n pairs in arbitrary order.</summary>
public class BuildBenchmarks
{
    [Params(8, 100, 10_000)]
    public int N;

    private KeyValuePair<string, int>[] _pairs = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _pairs = BenchData.Keys(N).Select((k, i) => KeyValuePair.Create(k, i)).OrderBy(_ => random.Next()).ToArray();
    }

    [Benchmark]
    public ImmutableMap<string, int> ImmutableMap_CreateRange() => ImmutableMap.CreateRange(_pairs);

    /// <summary>The lookup index is built on a map's first lookup; this is the build a lookup-heavy user pays.</summary>
    [Benchmark]
    public bool ImmutableMap_CreateRange_then_first_lookup() => ImmutableMap.CreateRange(_pairs).ContainsKey(_pairs[0].Key);

    [Benchmark(Baseline = true)]
    public ImmutableDictionary<string, int> ImmutableDictionary_CreateRange() => ImmutableDictionary.CreateRange(_pairs);

    [Benchmark]
    public ImmutableSortedDictionary<string, int> ImmutableSortedDictionary_CreateRange() => ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, _pairs);

    [Benchmark]
    public FrozenDictionary<string, int> ToFrozenDictionary() => _pairs.ToFrozenDictionary();

    [Benchmark]
    public Dictionary<string, int> New_Dictionary() => new(_pairs);
}
