using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Xmmutablemap;
using Xmmutablemap.Serialization;
using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Yaml;
using YamlDotNet.RepresentationModel;

namespace Xmmutablemap.Benchmarks;

/// <summary>
/// Why YAML is the slow reader: a large alias-free config (about 2.3 MB of YAML) read by the YAML format,
/// against YamlDotNet's own <see cref="YamlStream.Load(TextReader)"/> on the same text (its natural untyped
/// tree), against iterating YamlDotNet's parser events and doing nothing with them (the floor any reader
/// built on YamlDotNet pays), and against the JSON and MessagePack formats reading the same config.
/// </summary>
public class YamlReadBenchmarks
{
    private byte[] _yaml = null!, _json = null!, _msgpack = null!;

    [GlobalSetup]
    public void Setup()
    {
        var sections = Enumerable.Range(0, 20_000).Select(i => KeyValuePair.Create($"section_{i}", (object?)ImmutableMap.Of<string, object?>(
            ("lr", 0.001 * i), ("name", $"layer {i}"), ("sizes", ImmutableArray.Create<object?>(64L, 32L, (long)i)), ("enabled", i % 2 == 0), ("dropout", null))))
            .ToImmutableMap();
        _yaml = YamlMapFormat.Instance.WriteToArray(sections);
        _json = JsonMapFormat.Instance.WriteToArray(sections);
        _msgpack = MessagePackMapFormat.Instance.WriteToArray(sections);
    }

    [Benchmark]
    public int Yaml_Read_ImmutableMap() => YamlMapFormat.Instance.Read(_yaml).Count;

    [Benchmark(Baseline = true)]
    public int YamlDotNet_YamlStream_Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(System.Text.Encoding.UTF8.GetString(_yaml)));
        return stream.Documents.Count;
    }

    [Benchmark]
    public int YamlDotNet_parser_events_only()
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(System.Text.Encoding.UTF8.GetString(_yaml)));
        int events = 0;
        while (parser.MoveNext()) events++;
        return events;
    }

    [Benchmark]
    public int Json_Read_ImmutableMap() => JsonMapFormat.Instance.Read(_json).Count;

    [Benchmark]
    public int MessagePack_Read_ImmutableMap() => MessagePackMapFormat.Instance.Read(_msgpack).Count;
}
