using System.Collections.Frozen;
using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Xmmutablemap;

namespace Xmmutablemap.Benchmarks;

/// <summary>Equals of two equal maps built separately, and GetHashCode first (computed) and cached.</summary>
public class EqualityBenchmarks
{
    private const int Fresh = 256;

    [Params(100)]
    public int N;

    private ImmutableMap<string, double> _a = null!;
    private ImmutableMap<string, double> _b = null!;
    private ImmutableDictionary<string, double> _dictA = null!;
    private ImmutableDictionary<string, double> _dictB = null!;
    private ImmutableMap<string, double>[] _fresh = null!;
    private KeyValuePair<string, double>[] _pairs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pairs = BenchData.Keys(N).Select((k, i) => KeyValuePair.Create(k, i * 0.5)).ToArray();
        _a = _pairs.ToImmutableMap();
        _b = _pairs.Reverse().ToImmutableMap();
        _dictA = ImmutableDictionary.CreateRange(_pairs);
        _dictB = ImmutableDictionary.CreateRange(_pairs.Reverse());
        _a.GetHashCode();
    }

    // Fresh maps every iteration, so the first GetHashCode is measured, not the cached one.
    [IterationSetup(Target = nameof(ImmutableMap_GetHashCode_First))]
    public void MakeFresh() => _fresh = Enumerable.Range(0, Fresh).Select(_ => _pairs.ToImmutableMap()).ToArray();

    [BenchmarkCategory("Equals"), Benchmark]
    public bool ImmutableMap_Equals() => _a.Equals(_b);

    /// <summary>The content comparison a user writes for ImmutableDictionary (it has only reference equality).</summary>
    [BenchmarkCategory("Equals"), Benchmark(Baseline = true)]
    public bool ImmutableDictionary_ContentEquals()
    {
        if (_dictA.Count != _dictB.Count) return false;
        foreach (var (key, value) in _dictA)
        {
            if (!_dictB.TryGetValue(key, out var other) || !value.Equals(other)) return false;
        }
        return true;
    }

    [BenchmarkCategory("GetHashCode"), Benchmark(OperationsPerInvoke = Fresh)]
    public int ImmutableMap_GetHashCode_First()
    {
        int h = 0;
        foreach (var map in _fresh) h ^= map.GetHashCode();
        return h;
    }

    [BenchmarkCategory("GetHashCode"), Benchmark(Baseline = true)]
    public int ImmutableMap_GetHashCode_Cached() => _a.GetHashCode();

    [BenchmarkCategory("GetHashCode"), Benchmark]
    public ContentHash ImmutableMap_ContentHash_Cached() => _a.ContentHash;
}
