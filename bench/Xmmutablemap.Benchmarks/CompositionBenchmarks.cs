using BenchmarkDotNet.Attributes;
using Xmmutablemap;
using Xmmutablemap.Serialization.Composition;

namespace Xmmutablemap.Benchmarks;

/// <summary>
/// Issue 9: on the ~1,000-leaf config, one <c>SetPath</c> (bytes allocated show that only the path is rebuilt)
/// against the hand-written alternative on nested <c>Dictionary</c> copies; and a deep merge of two such configs
/// plus ten overrides against building the same result from scratch with <c>CreateRange</c> (every map of the
/// tree), and against the hand-written deep copy and merge of nested dictionaries.
/// </summary>
public class CompositionBenchmarks
{
    private ImmutableMap<string, object?> _base = null!, _experiment = null!, _merged = null!;
    private Dictionary<string, object?> _plainBase = null!, _plainExperiment = null!;
    private ConfigOverride[] _overrides = null!;
    private (string[] Path, object? Value)[] _plainOverrides = null!;

    [GlobalSetup]
    public void Setup()
    {
        _base = BenchData.Config(1_000);
        // The experiment changes a value in every tenth layer and adds a key to some, like a sweep file.
        _experiment = ImmutableMap.Of<string, object?>(("layers", Enumerable.Range(0, 100).Where(i => i % 10 == 0)
            .Select(i => KeyValuePair.Create($"layer_{i:D3}", (object?)ImmutableMap.Of<string, object?>(("dropout", 0.3), ("extra", true))))
            .ToImmutableMap()), ("seed", 7L));
        _overrides = Enumerable.Range(0, 10).Select(i => ConfigOverride.Parse($"layers.layer_{i * 7:D3}.units={128 + i}")).ToArray();
        _plainOverrides = Enumerable.Range(0, 10).Select(i => (new[] { "layers", $"layer_{i * 7:D3}", "units" }, (object?)(long)(128 + i))).ToArray();
        _plainBase = BenchData.PlainDictionary(_base);
        _plainExperiment = BenchData.PlainDictionary(_experiment);
        _merged = Compose();
    }

    // ---- one SetPath
    [BenchmarkCategory("SetPath"), Benchmark(Baseline = true)]
    public object SetPath_nested_Dictionary_copy()
    {
        // What users write by hand to keep the original: a deep copy, then the change.
        var copy = DeepCopy(_plainBase);
        ((Dictionary<string, object?>)((Dictionary<string, object?>)copy["layers"]!)["layer_050"]!)["units"] = 256L;
        return copy;
    }

    [BenchmarkCategory("SetPath"), Benchmark]
    public object SetPath_ImmutableMap() => _base.SetPath("layers.layer_050.units", 256L);

    // ---- merge of two configs and ten overrides
    [BenchmarkCategory("Compose"), Benchmark(Baseline = true)]
    public object Build_result_from_scratch_with_CreateRange() => Rebuild(_merged);

    [BenchmarkCategory("Compose"), Benchmark]
    public object Merge_and_ten_overrides_ImmutableMap() => Compose();

    [BenchmarkCategory("Compose"), Benchmark]
    public object Merge_and_ten_overrides_nested_Dictionary_copy()
    {
        var result = DeepCopy(_plainBase);
        MergeInto(result, _plainExperiment);
        foreach (var (path, value) in _plainOverrides)
        {
            var parent = result;
            for (int i = 0; i < path.Length - 1; i++) parent = (Dictionary<string, object?>)parent[path[i]]!;
            parent[path[^1]] = value;
        }
        return result;
    }

    private ImmutableMap<string, object?> Compose()
    {
        var map = MapTree.Merge(_base, _experiment);
        foreach (var change in _overrides) map = change.ApplyTo(map);
        return map;
    }

    private static ImmutableMap<string, object?> Rebuild(ImmutableMap<string, object?> map) =>
        ImmutableMap.CreateRange(map.Select(p => KeyValuePair.Create<string, object?>(p.Key, p.Value is ImmutableMap<string, object?> nested ? Rebuild(nested) : p.Value)));

    private static Dictionary<string, object?> DeepCopy(Dictionary<string, object?> source) =>
        source.ToDictionary(p => p.Key, p => p.Value switch
        {
            Dictionary<string, object?> nested => DeepCopy(nested),
            List<object?> list => (object?)new List<object?>(list),
            var other => other,
        });

    private static void MergeInto(Dictionary<string, object?> target, Dictionary<string, object?> source)
    {
        foreach (var (key, value) in source)
        {
            if (value is Dictionary<string, object?> nested && target.TryGetValue(key, out var existing) && existing is Dictionary<string, object?> into)
                MergeInto(into, nested);
            else
                target[key] = value is Dictionary<string, object?> d ? DeepCopy(d) : value;
        }
    }
}
