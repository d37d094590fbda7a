using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using global::MessagePack;
using ProtoBuf;
using ProtoBuf.Meta;
using Xmmutablemap.Json;
using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Protobuf;
using Xmmutablemap.Serialization.Yaml;
using YamlDotNet.Serialization;

namespace Xmmutablemap.Serialization.Tests;

/// <summary>Each converter plugs into its own library's API, for typed maps, model maps and records holding maps.</summary>
public class NativeApiTests
{
    public sealed record Job(
        string Name,
        [property: JsonConverter(typeof(ImmutableMapJsonConverterFactory))] ImmutableMap<string, double> Params);

    public sealed record Run
    {
        public string Name { get; init; } = "";
        public ImmutableMap<string, object?> Config { get; init; } = ImmutableMap<string, object?>.Empty;
        public ImmutableMap<int, string> Labels { get; init; } = ImmutableMap<int, string>.Empty;
    }

    public sealed record Point(int X, int Y);

    public sealed record Experiment(string Name, ImmutableMap<string, object?> Config, ImmutableMap<int, string> Labels);

    [Fact]
    public void Json_default_options_read_and_write_model_maps_keeping_int_and_float_apart()
    {
        var map = JsonSerializer.Deserialize<ImmutableMap<string, object?>>("""{"lr":1.0,"epochs":3,"nested":{"b":[1,2.5,"x",null,true]}}""")!;
        Assert.Equal(1.0, Assert.IsType<double>(map["lr"]));
        Assert.Equal(3L, Assert.IsType<long>(map["epochs"]));
        var list = Assert.IsType<ImmutableArray<object?>>(((ImmutableMap<string, object?>)map["nested"]!)["b"]);
        Assert.Equal(1L, Assert.IsType<long>(list[0]));
        Assert.Equal(2.5, Assert.IsType<double>(list[1]));
        var expected = ImmutableMap.Of<string, object?>(
            ("lr", 1.0), ("epochs", 3L),
            ("nested", ImmutableMap.Of<string, object?>(("b", ImmutableArray.Create<object?>(1L, 2.5, "x", null, true)))));
        Assert.Equal(expected, map);
        Assert.Equal("""{"epochs":3,"lr":1.0,"nested":{"b":[1,2.5,"x",null,true]}}""", JsonSerializer.Serialize(map));
        Assert.Equal("""{"a":1,"b":1.0}""", JsonSerializer.Serialize(ImmutableMap.Of<string, object?>(("b", 1.0), ("a", 1L))));
    }

    [Fact]
    public void Json_default_options_read_and_write_records_holding_maps()
    {
        const string json = """{"Name":"e1","Config":{"a":1,"b":1.0},"Labels":{"2":"two","10":"ten"}}""";
        var experiment = JsonSerializer.Deserialize<Experiment>(json)!;
        Assert.Equal(1L, Assert.IsType<long>(experiment.Config["a"]));
        Assert.Equal(1.0, Assert.IsType<double>(experiment.Config["b"]));
        Assert.Equal("ten", experiment.Labels[10]);
        Assert.Equal(json, JsonSerializer.Serialize(experiment));
        Assert.Equal(new Experiment("e1", ImmutableMap.Of<string, object?>(("a", 1L), ("b", 1.0)), ImmutableMap.Of((2, "two"), (10, "ten"))), experiment);
    }

    [Fact]
    public void Json_default_options_refuse_what_maps_refuse_as_JsonException()
    {
        var duplicate = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ImmutableMap<string, object?>>("""{"a":1,"a":2}"""));
        Assert.StartsWith("at a, byte 7: the key \"a\" appears more than once", duplicate.Message);
        Assert.Equal("$.a", duplicate.Path);
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize(ImmutableMap.Of<string, object?>(("x", double.NaN))));
    }

    [Fact]
    public void Json_attribute_on_a_member_works_without_registration()
    {
        var job = new Job("sweep", ImmutableMap.Of(("lr", 1.0), ("momentum", 0.9)));
        string json = JsonSerializer.Serialize(job);
        Assert.Equal("""{"Name":"sweep","Params":{"lr":1.0,"momentum":0.9}}""", json);
        Assert.Equal(job, JsonSerializer.Deserialize<Job>(json));
    }

    [Fact]
    public void Json_options_extension_handles_typed_and_model_maps()
    {
        var options = new JsonSerializerOptions().AddImmutableMapConverters();
        var run = new Run
        {
            Name = "r1",
            Config = ImmutableMap.Of<string, object?>(("b", 2.0), ("a", 1L), ("nested", ImmutableMap.Of<string, object?>(("x", ImmutableArray.Create<object?>("y"))))),
            Labels = ImmutableMap.Of((10, "ten"), (2, "two")),
        };
        string json = JsonSerializer.Serialize(run, options);
        Assert.Equal("""{"Name":"r1","Config":{"a":1,"b":2.0,"nested":{"x":["y"]}},"Labels":{"2":"two","10":"ten"}}""", json);
        var back = JsonSerializer.Deserialize<Run>(json, options)!;
        Assert.Equal(run, back);
        Assert.IsType<long>(back.Config["a"]);
        Assert.IsType<double>(back.Config["b"]);
        var points = ImmutableMap.Of(("p", new Point(1, 2)));
        Assert.Equal(points, JsonSerializer.Deserialize<ImmutableMap<string, Point>>(JsonSerializer.Serialize(points, options), options));
        var nested = ImmutableMap.Of(("outer", ImmutableMap.Of(("inner", 1.0))));
        Assert.Equal("""{"outer":{"inner":1.0}}""", JsonSerializer.Serialize(nested, options));
        Assert.Equal(nested, JsonSerializer.Deserialize<ImmutableMap<string, ImmutableMap<string, double>>>("""{"outer":{"inner":1.0}}""", options));
    }

    [Fact]
    public void Json_native_errors_are_JsonException()
    {
        var options = new JsonSerializerOptions().AddImmutableMapConverters();
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ImmutableMap<string, object?>>("""{"a":1,"a":2}""", options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ImmutableMap<string, object?>>("""{"a":1e400}""", options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ImmutableMap<string, double>>("""{"a":1,"a":2}""", options));
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize(ImmutableMap.Of(("a", double.NaN)), options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ImmutableMap<int, string>>("""{"x":"y"}""", options));
    }

    [Fact]
    public void Yaml_mappings_tagged_map_read_as_maps_at_the_top_and_in_records()
    {
        // YamlDotNet's tag resolver swapped !!map for Dictionary<object, object> before the converter was asked,
        // then failed with "Object must implement IConvertible"; the format itself always read these.
        var deserializer = new DeserializerBuilder().WithImmutableMaps().Build();
        var expected = ImmutableMap.Of<string, object?>(("a", 1L), ("b", ImmutableMap.Of<string, object?>(("c", 2.5))));
        Assert.Equal(expected, deserializer.Deserialize<ImmutableMap<string, object?>>("!!map {a: 1, b: !!map {c: 2.5}}\n"));
        Assert.Equal(expected, deserializer.Deserialize<ImmutableMap<string, object?>>("!!map\na: 1\nb:\n  c: 2.5\n"));
        Assert.Equal(ImmutableMap.Of(("x", 0.5)), deserializer.Deserialize<ImmutableMap<string, double>>("!!map {x: 0.5}\n"));
        var run = deserializer.Deserialize<Run>("Name: r\nConfig: !!map {a: 1}\nLabels: !!map {2: two}\n");
        Assert.Equal(ImmutableMap.Of<string, object?>(("a", 1L)), run.Config);
        Assert.Equal(ImmutableMap.Of((2, "two")), run.Labels);
        // Any other tag on a mapping is still refused by the same rule as the format's.
        var e = Assert.Throws<YamlDotNet.Core.YamlException>(() => deserializer.Deserialize<ImmutableMap<string, object?>>("!!str {a: 1}\n"));
        Assert.Contains("the tag tag:yaml.org,2002:str is not supported", e.Message);
        Assert.Equal(expected, YamlMapFormat.Instance.Read("!!map {a: 1, b: !!map {c: 2.5}}\n"u8.ToArray()));
    }

    [Fact]
    public void Yaml_long_keys_in_PyYAMLs_form_read_through_YamlDotNet_with_the_formats_parser()
    {
        // PyYAML writes a key over 128 characters as an explicit key whose ':' starts the next line.
        string key = new('k', 130);
        string yaml = "x: {? " + key + "\n  : 1}\n";
        var deserializer = new DeserializerBuilder().WithImmutableMaps().Build();
        var expected = ImmutableMap.Of<string, object?>(("x", ImmutableMap.Of<string, object?>((key, 1L))));
        Assert.Equal(expected, deserializer.Deserialize<ImmutableMap<string, object?>>(YamlMapFormat.CreateParser(new StringReader(yaml))));
        Assert.Equal(expected, YamlMapFormat.Instance.Read(System.Text.Encoding.UTF8.GetBytes(yaml)));
        // YamlDotNet 18.1's own scanner refuses it (DESIGN 7a): this is why the parser is offered.
        Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => deserializer.Deserialize<ImmutableMap<string, object?>>(yaml));
    }

    [Fact]
    public void Yaml_type_converter_round_trips_records_holding_maps()
    {
        var serializer = new SerializerBuilder().WithImmutableMaps().Build();
        var deserializer = new DeserializerBuilder().WithImmutableMaps().Build();
        var run = new Run
        {
            Name = "r1",
            Config = ImmutableMap.Of<string, object?>(("b", 2.0), ("a", 1L), ("s", "yes")),
            Labels = ImmutableMap.Of((10, "ten"), (2, "two")),
        };
        string yaml = serializer.Serialize(run);
        Assert.Equal("""
            Name: r1
            Config:
              a: 1
              b: 2.0
              s: "yes"
            Labels:
              2: two
              10: ten

            """, yaml.Replace("\r\n", "\n"));
        var back = deserializer.Deserialize<Run>(yaml);
        Assert.Equal(run, back);
        Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => deserializer.Deserialize<ImmutableMap<string, object?>>("a: 1\na: 2\n"));
        Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => deserializer.Deserialize<ImmutableMap<string, double>>("a: 1\na: 2\n"));
    }

    [Fact]
    public void MessagePack_resolver_writes_canonical_bytes_and_reads_records_holding_maps()
    {
        var config = ImmutableMap.Of<string, object?>(("b", 2.0), ("a", 1L));
        Assert.Equal(config.ToCanonicalBytes(), MessagePackSerializer.Serialize(config, ImmutableMapResolver.Options));
        Assert.Equal(config, MessagePackSerializer.Deserialize<ImmutableMap<string, object?>>(config.ToCanonicalBytes(), ImmutableMapResolver.Options));

        var typed = ImmutableMap.Of((3, "c"), (1, "a"));
        Assert.Equal("8201a16103a163", Convert.ToHexStringLower(MessagePackSerializer.Serialize(typed, ImmutableMapResolver.Options)));
        Assert.Equal(typed, MessagePackSerializer.Deserialize<ImmutableMap<int, string>>(Convert.FromHexString("8203a16301a161"), ImmutableMapResolver.Options));

        Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<ImmutableMap<string, object?>>(Convert.FromHexString("82a16101a16102"), ImmutableMapResolver.Options));
    }

    public sealed class Layer
    {
        public int Units { get; set; }
        public string Activation { get; set; } = "";
    }

    [Fact]
    public void Maps_of_user_types_go_through_each_librarys_own_serializer()
    {
        var layers = ImmutableMap.Of(("b", new Layer { Units = 32, Activation = "relu" }), ("a", new Layer { Units = 64, Activation = "gelu" }));

        var yaml = new SerializerBuilder().WithImmutableMaps().Build().Serialize(layers);
        Assert.Equal("a:\n  Units: 64\n  Activation: gelu\nb:\n  Units: 32\n  Activation: relu\n", yaml.Replace("\r\n", "\n"));
        var fromYaml = new DeserializerBuilder().WithImmutableMaps().Build().Deserialize<ImmutableMap<string, Layer>>(yaml);
        Assert.Equal([64, 32], fromYaml.Values.Select(l => l.Units));

        var options = MessagePackSerializerOptions.Standard.WithResolver(global::MessagePack.Resolvers.CompositeResolver.Create(
            ImmutableMapResolver.Instance, global::MessagePack.Resolvers.ContractlessStandardResolver.Instance));
        byte[] bytes = MessagePackSerializer.Serialize(layers, options);
        var fromMsgpack = MessagePackSerializer.Deserialize<ImmutableMap<string, Layer>>(bytes, options);
        Assert.Equal(["gelu", "relu"], fromMsgpack.Values.Select(l => l.Activation));
        // Keys stay canonical even when values go through the resolver.
        Assert.Equal(0x82, bytes[0]);
        Assert.Equal((byte)'a', bytes[2]);
    }

    [ProtoContract]
    public sealed class Envelope
    {
        [ProtoMember(1)] public string Id { get; set; } = "";
        [ProtoMember(2)] public ImmutableMap<string, object?> Config { get; set; } = ImmutableMap<string, object?>.Empty;
    }

    [Fact]
    public void Protobuf_net_model_registration_reads_and_writes_the_Map_message()
    {
        var typeModel = RuntimeTypeModel.Create().AddImmutableMaps();
        var config = ImmutableMap.Of<string, object?>(("b", 1.0), ("a", 1L));

        using var root = new MemoryStream();
        typeModel.Serialize(root, config);
        Assert.Equal(ProtobufMapFormat.Instance.WriteToArray(config), root.ToArray());
        root.Position = 0;
        Assert.Equal(config, typeModel.Deserialize<ImmutableMap<string, object?>>(root));

        var envelope = new Envelope { Id = "x", Config = config };
        using var stream = new MemoryStream();
        typeModel.Serialize(stream, envelope);
        stream.Position = 0;
        var back = typeModel.Deserialize<Envelope>(stream);
        Assert.Equal("x", back.Id);
        Assert.Equal(config, back.Config);

        byte[] duplicate = Convert.FromHexString("0a070a016122021802" + "0a070a016122021804");
        Assert.Throws<ProtoException>(() => typeModel.Deserialize<ImmutableMap<string, object?>>(new MemoryStream(duplicate)));
    }

    [ProtoContract]
    public sealed class Tuning
    {
        [ProtoMember(1)] public ImmutableMap<string, double> Params { get; set; } = ImmutableMap<string, double>.Empty;
        [ProtoMember(2)] public ImmutableMap<int, string> Labels { get; set; } = ImmutableMap<int, string>.Empty;
    }

    [Fact]
    public void Protobuf_net_typed_maps_use_the_same_wire_schema_and_refuse_values_that_do_not_fit()
    {
        var typeModel = RuntimeTypeModel.Create().AddImmutableMap<string, double>().AddImmutableMap<int, string>();
        var tuning = new Tuning { Params = ImmutableMap.Of(("lr", 1.0), ("momentum", 0.9)), Labels = ImmutableMap.Of((2, "b"), (1, "a")) };
        using var stream = new MemoryStream();
        typeModel.Serialize(stream, tuning);
        stream.Position = 0;
        var back = typeModel.Deserialize<Tuning>(stream);
        Assert.Equal(tuning.Params, back.Params);
        Assert.Equal(tuning.Labels, back.Labels);

        // The same bytes as the model map with the same content: one wire schema.
        using var typed = new MemoryStream();
        typeModel.Serialize(typed, tuning.Params);
        Assert.Equal(ProtobufMapFormat.Instance.WriteToArray(ImmutableMap.Of<string, object?>(("lr", 1.0), ("momentum", 0.9))), typed.ToArray());

        // An integer where a double is expected is refused, not converted.
        byte[] integer = ProtobufMapFormat.Instance.WriteToArray(ImmutableMap.Of<string, object?>(("lr", 1L)));
        Assert.Throws<ProtoException>(() => typeModel.Deserialize<ImmutableMap<string, double>>(new MemoryStream(integer)));
    }

    [ProtoContract]
    public sealed class DefaultModelRun
    {
        [ProtoMember(1)] public ImmutableMap<string, object?> Config { get; set; } = ImmutableMap<string, object?>.Empty;
        [ProtoMember(2)] public ImmutableMap<string, double> Params { get; set; } = ImmutableMap<string, double>.Empty;
    }

    [Fact]
    public void Protobuf_net_default_model_knows_maps_without_registration()
    {
        // ProtoBuf.Serializer.* is protobuf-net's default type model, which nobody registered maps with in this test.
        var config = ImmutableMap.Of<string, object?>(("b", 1.0), ("a", 1L));
        using var alone = new MemoryStream();
        ProtoBuf.Serializer.Serialize(alone, config);
        Assert.Equal("0A070A0161220218020A0E0A0162220929000000000000F03F", Convert.ToHexString(alone.ToArray()));
        alone.Position = 0;
        var read = ProtoBuf.Serializer.Deserialize<ImmutableMap<string, object?>>(alone);
        Assert.Equal(config, read);
        Assert.IsType<long>(read["a"]);

        var run = new DefaultModelRun { Config = config, Params = ImmutableMap.Of(("lr", 0.5)) };
        using var stream = new MemoryStream();
        ProtoBuf.Serializer.Serialize(stream, run);
        stream.Position = 0;
        var back = ProtoBuf.Serializer.Deserialize<DefaultModelRun>(stream);
        Assert.Equal(config, back.Config);
        Assert.Equal(run.Params, back.Params);
    }

    [Fact]
    public async Task Protobuf_net_default_model_knows_maps_in_a_program_that_never_calls_this_library()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Xmmutablemap.Serialization.TestHost.dll"));
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        Assert.Equal("0A070A0161220218020A0E0A0162220929000000000000F03F\nx ImmutableMap({\"a\": 1, \"b\": 1.0}) Int64\n", output.ReplaceLineEndings("\n"));
    }
}
