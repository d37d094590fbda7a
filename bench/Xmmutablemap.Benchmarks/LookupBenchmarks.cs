using System.Collections.Frozen;
using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Xmmutablemap;

namespace Xmmutablemap.Benchmarks;

/// <summary>
/// TryGetValue over string keys of each <see cref="KeyShape"/>; each invocation probes 1,000 keys. Hits are
/// fresh copies of the map's keys (so equality compares characters, not references); misses are other keys
/// of the same shape, which is where a lookup has to do its full work to say no.
/// </summary>
public class LookupBenchmarks
{
    private const int Probes = 1000;

    [Params(KeyShape.Dotted, KeyShape.Numbered, KeyShape.Uuid, KeyShape.Short, KeyShape.Mixed, KeyShape.Config)]
    public KeyShape Shape;

    [Params(8, 100, 10_000)]
    public int N;

    private ImmutableMap<string, int> _map = null!;
    private Dictionary<string, int> _dictionary = null!;
    private FrozenDictionary<string, int> _frozen = null!;
    private ImmutableDictionary<string, int> _immutable = null!;
    private string[] _hits = null!;
    private string[] _misses = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (keys, missing) = KeyShapes.Generate(Shape, N);
        var pairs = keys.Select((k, i) => KeyValuePair.Create(k, i)).ToArray();
        _map = pairs.ToImmutableMap();
        _dictionary = new Dictionary<string, int>(pairs);
        _frozen = pairs.ToFrozenDictionary();
        _immutable = ImmutableDictionary.CreateRange(pairs);
        var random = new Random(42);
        _hits = BenchData.Copies(Enumerable.Range(0, Probes).Select(_ => keys[random.Next(N)]).ToArray());
        _misses = Enumerable.Range(0, Probes).Select(_ => missing[random.Next(N)]).ToArray();
        // A map starts with an index built without analysing its keys and swaps in the analysed one after
        // 32 lookups per key (plus 256); a long-lived, often-read map is past that, so measure it there.
        for (int round = 0; round <= (32 * N + 256) / Probes; round++) Probe(_map, _hits);
    }

    [BenchmarkCategory("Hit"), Benchmark(OperationsPerInvoke = Probes)]
    public int ImmutableMap_Hit() => Probe(_map, _hits);

    [BenchmarkCategory("Hit"), Benchmark(Baseline = true, OperationsPerInvoke = Probes)]
    public int FrozenDictionary_Hit() => Probe(_frozen, _hits);

    [BenchmarkCategory("Hit"), Benchmark(OperationsPerInvoke = Probes)]
    public int Dictionary_Hit() => Probe(_dictionary, _hits);

    [BenchmarkCategory("Hit"), Benchmark(OperationsPerInvoke = Probes)]
    public int ImmutableDictionary_Hit() => Probe(_immutable, _hits);

    [BenchmarkCategory("Miss"), Benchmark(OperationsPerInvoke = Probes)]
    public int ImmutableMap_Miss() => Probe(_map, _misses);

    [BenchmarkCategory("Miss"), Benchmark(Baseline = true, OperationsPerInvoke = Probes)]
    public int FrozenDictionary_Miss() => Probe(_frozen, _misses);

    [BenchmarkCategory("Miss"), Benchmark(OperationsPerInvoke = Probes)]
    public int Dictionary_Miss() => Probe(_dictionary, _misses);

    [BenchmarkCategory("Miss"), Benchmark(OperationsPerInvoke = Probes)]
    public int ImmutableDictionary_Miss() => Probe(_immutable, _misses);

    // Each peer is called through its concrete type, as a user would.
    private static int Probe(ImmutableMap<string, int> map, string[] keys)
    {
        int sum = 0;
        foreach (var key in keys) if (map.TryGetValue(key, out int v)) sum += v;
        return sum;
    }

    private static int Probe(FrozenDictionary<string, int> map, string[] keys)
    {
        int sum = 0;
        foreach (var key in keys) if (map.TryGetValue(key, out int v)) sum += v;
        return sum;
    }

    private static int Probe(Dictionary<string, int> map, string[] keys)
    {
        int sum = 0;
        foreach (var key in keys) if (map.TryGetValue(key, out int v)) sum += v;
        return sum;
    }

    private static int Probe(ImmutableDictionary<string, int> map, string[] keys)
    {
        int sum = 0;
        foreach (var key in keys) if (map.TryGetValue(key, out int v)) sum += v;
        return sum;
    }
}
