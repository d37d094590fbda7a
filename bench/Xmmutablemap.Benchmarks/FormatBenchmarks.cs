using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Google.Protobuf.WellKnownTypes;
using global::MessagePack;
using global::MessagePack.Resolvers;
using Xmmutablemap;
using Xmmutablemap.Serialization;
using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Protobuf;
using Xmmutablemap.Serialization.Yaml;
using YamlDotNet.Serialization;

namespace Xmmutablemap.Benchmarks;

/// <summary>
/// Write and read of the same ~1,000-leaf config through each format, against the same library on a
/// plain <c>Dictionary&lt;string, object?&gt;</c> (for protobuf, Google.Protobuf's <c>Struct</c>).
/// </summary>
public class FormatBenchmarks
{
    private ImmutableMap<string, object?> _config = null!;
    private Dictionary<string, object?> _plain = null!;
    private Struct _struct = null!;
    private readonly MemoryStream _stream = new();
    private byte[] _json = null!, _yaml = null!, _msgpack = null!, _protobuf = null!, _structBytes = null!;
    private string _yamlText = null!;
    private ISerializer _yamlSerializer = null!;
    private IDeserializer _yamlDeserializer = null!;
    private static readonly MessagePackSerializerOptions Contractless = MessagePackSerializerOptions.Standard.WithResolver(ContractlessStandardResolver.Instance);

    [GlobalSetup]
    public void Setup()
    {
        _config = BenchData.Config(1_000);
        _plain = BenchData.PlainDictionary(_config);
        _json = JsonMapFormat.Instance.WriteToArray(_config);
        _yaml = YamlMapFormat.Instance.WriteToArray(_config);
        _yamlText = System.Text.Encoding.UTF8.GetString(_yaml);
        _msgpack = MessagePackMapFormat.Instance.WriteToArray(_config);
        _protobuf = ProtobufMapFormat.Instance.WriteToArray(_config);
        _struct = Struct.Parser.ParseJson(System.Text.Encoding.UTF8.GetString(_json));
        _structBytes = Google.Protobuf.MessageExtensions.ToByteArray(_struct);
        _yamlSerializer = new SerializerBuilder().Build();
        _yamlDeserializer = new DeserializerBuilder().Build();
    }

    private MemoryStream Empty()
    {
        _stream.SetLength(0);
        return _stream;
    }

    // ---- JSON
    [BenchmarkCategory("Json-Write"), Benchmark]
    public long Json_Write_ImmutableMap() { JsonMapFormat.Instance.Write(_config, Empty()); return _stream.Length; }

    [BenchmarkCategory("Json-Write"), Benchmark(Baseline = true)]
    public long Json_Write_Dictionary() { JsonSerializer.Serialize(Empty(), _plain); return _stream.Length; }

    [BenchmarkCategory("Json-Read"), Benchmark]
    public object Json_Read_ImmutableMap() => JsonMapFormat.Instance.Read(_json);

    [BenchmarkCategory("Json-Read"), Benchmark(Baseline = true)]
    public object Json_Read_Dictionary() => JsonSerializer.Deserialize<Dictionary<string, object?>>(_json)!;

    // ---- YAML
    [BenchmarkCategory("Yaml-Write"), Benchmark]
    public long Yaml_Write_ImmutableMap() { YamlMapFormat.Instance.Write(_config, Empty()); return _stream.Length; }

    [BenchmarkCategory("Yaml-Write"), Benchmark(Baseline = true)]
    public int Yaml_Write_Dictionary() => _yamlSerializer.Serialize(_plain).Length;

    [BenchmarkCategory("Yaml-Read"), Benchmark]
    public object Yaml_Read_ImmutableMap() => YamlMapFormat.Instance.Read(_yaml);

    [BenchmarkCategory("Yaml-Read"), Benchmark(Baseline = true)]
    public object Yaml_Read_Dictionary() => _yamlDeserializer.Deserialize<Dictionary<string, object>>(_yamlText);

    // ---- MessagePack
    [BenchmarkCategory("MessagePack-Write"), Benchmark]
    public long MessagePack_Write_ImmutableMap() { MessagePackMapFormat.Instance.Write(_config, Empty()); return _stream.Length; }

    [BenchmarkCategory("MessagePack-Write"), Benchmark(Baseline = true)]
    public long MessagePack_Write_Dictionary() { MessagePackSerializer.Serialize(Empty(), _plain, Contractless); return _stream.Length; }

    [BenchmarkCategory("MessagePack-Read"), Benchmark]
    public object MessagePack_Read_ImmutableMap() => MessagePackMapFormat.Instance.Read(_msgpack);

    [BenchmarkCategory("MessagePack-Read"), Benchmark(Baseline = true)]
    public object MessagePack_Read_Dictionary() => MessagePackSerializer.Deserialize<Dictionary<string, object>>(_msgpack, Contractless);

    // ---- protobuf
    [BenchmarkCategory("Protobuf-Write"), Benchmark]
    public long Protobuf_Write_ImmutableMap() { ProtobufMapFormat.Instance.Write(_config, Empty()); return _stream.Length; }

    [BenchmarkCategory("Protobuf-Write"), Benchmark(Baseline = true)]
    public long Protobuf_Write_Struct() { Google.Protobuf.MessageExtensions.WriteTo(_struct, Empty()); return _stream.Length; }

    [BenchmarkCategory("Protobuf-Read"), Benchmark]
    public object Protobuf_Read_ImmutableMap() => ProtobufMapFormat.Instance.Read(_protobuf);

    [BenchmarkCategory("Protobuf-Read"), Benchmark(Baseline = true)]
    public object Protobuf_Read_Struct() => Struct.Parser.ParseFrom(_structBytes);
}
