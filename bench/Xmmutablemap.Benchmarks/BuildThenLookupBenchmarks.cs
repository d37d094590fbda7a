using System.Collections.Frozen;
using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Xmmutablemap;

namespace Xmmutablemap.Benchmarks;

/// <summary>
/// What a lookup-heavy user pays from pairs to a warm map: build, then 32 lookups per key plus 257, enough to
/// take <see cref="ImmutableMap{TKey, TValue}"/> past its provisional index into the analysed one (the analysis
/// is deferred, so <see cref="BuildBenchmarks"/>' first lookup no longer includes it).
/// </summary>
public class BuildThenLookupBenchmarks
{
    [Params(8, 100, 10_000)]
    public int N;

    private KeyValuePair<string, int>[] _pairs = null!;
    private string[] _probes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _pairs = BenchData.Keys(N).Select((k, i) => KeyValuePair.Create(k, i)).OrderBy(_ => random.Next()).ToArray();
        _probes = BenchData.Copies(Enumerable.Range(0, 32 * N + 257).Select(i => _pairs[i % N].Key).ToArray());
    }

    [Benchmark]
    public int ImmutableMap_CreateRange_then_lookups()
    {
        var map = ImmutableMap.CreateRange(_pairs);
        int sum = 0;
        foreach (var key in _probes) if (map.TryGetValue(key, out int v)) sum += v;
        return sum;
    }

    [Benchmark(Baseline = true)]
    public int ImmutableDictionary_CreateRange_then_lookups()
    {
        var map = ImmutableDictionary.CreateRange(_pairs);
        int sum = 0;
        foreach (var key in _probes) if (map.TryGetValue(key, out int v)) sum += v;
        return sum;
    }

    [Benchmark]
    public int ToFrozenDictionary_then_lookups()
    {
        var map = _pairs.ToFrozenDictionary();
        int sum = 0;
        foreach (var key in _probes) if (map.TryGetValue(key, out int v)) sum += v;
        return sum;
    }
}
