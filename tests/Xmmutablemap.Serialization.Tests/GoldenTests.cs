using System.Collections.Immutable;
using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Protobuf;
using Xmmutablemap.Serialization.Yaml;
using static Xmmutablemap.Serialization.Tests.TestSupport;

namespace Xmmutablemap.Serialization.Tests;

/// <summary>Exact text and bytes, both ways: what each format writes for a known map, and what it reads from known input.</summary>
public class GoldenTests
{
    private static readonly ImmutableMap<string, object?> Sample = ImmutableMap.Of<string, object?>(
        ("g", "yes"), ("f", 1e20), ("e", ImmutableMap.Of<string, object?>(("x", -0.5))), ("d", ImmutableArray.Create<object?>(true, null)),
        ("c", "1"), ("b", 1.0), ("a", 1L));

    private const string SampleJson = """
        {
          "a": 1,
          "b": 1.0,
          "c": "1",
          "d": [
            true,
            null
          ],
          "e": {
            "x": -0.5
          },
          "f": 1.0e+20,
          "g": "yes"
        }

        """;

    private const string SampleYaml = """
        a: 1
        b: 1.0
        c: "1"
        d:
        - true
        - null
        e:
          x: -0.5
        f: 1.0e+20
        g: "yes"

        """;

    [Fact]
    public void Json_golden_text_both_ways()
    {
        Assert.Equal(SampleJson, Text(WriteJson(Sample)));
        var read = JsonMapFormat.Instance.Read(Bytes(SampleJson));
        Assert.Equal(Sample, read);
        Assert.IsType<long>(read["a"]);
        Assert.IsType<double>(read["b"]);
    }

    [Fact]
    public void Yaml_golden_text_both_ways()
    {
        Assert.Equal(SampleYaml, Text(YamlMapFormat.Instance.WriteToArray(Sample)));
        var read = YamlMapFormat.Instance.Read(Bytes(SampleYaml));
        Assert.Equal(Sample, read);
        Assert.IsType<long>(read["a"]);
        Assert.IsType<double>(read["b"]);
    }

    [Fact]
    public void Yaml_writes_bytes_specials_and_ambiguous_strings_so_both_yaml_versions_agree()
    {
        var map = ImmutableMap.Of<string, object?>(
            ("bin", ImmutableArray.Create<byte>(1, 2)), ("nan", double.NaN), ("inf", double.PositiveInfinity), ("ninf", double.NegativeInfinity),
            ("s1", "no"), ("s2", "017"), ("s3", "1_000"), ("s4", "~"), ("s5", ""), ("s6", "1.0"), ("s7", "On"), ("s8", "plain_text"),
            ("s9", "2024-01-01"), ("s10", "a: b"), ("big", ulong.MaxValue), ("tiny", 5e-324), ("empty_map", ImmutableMap<string, object?>.Empty),
            ("empty_list", ImmutableArray<object?>.Empty), ("ints", ImmutableMap.Of<long, object?>((2, "b"), (-1, "a"))));
        const string expected = """
            big: 18446744073709551615
            bin: !!binary AQI=
            empty_list: []
            empty_map: {}
            inf: .inf
            ints:
              -1: a
              2: b
            nan: .nan
            ninf: -.inf
            s1: "no"
            s10: "a: b"
            s2: "017"
            s3: "1_000"
            s4: "~"
            s5: ""
            s6: "1.0"
            s7: "On"
            s8: plain_text
            s9: "2024-01-01"
            tiny: 5.0e-324

            """;
        Assert.Equal(expected, Text(YamlMapFormat.Instance.WriteToArray(map)));
        Assert.Equal(map, YamlMapFormat.Instance.Read(Bytes(expected)));
    }

    [Fact]
    public void Yaml_reads_the_core_schema()
    {
        const string yaml = """
            dec: -17
            oct: 0o17
            hex: 0x1F
            flt: 3e-4
            exp: 1E+3
            dot: .5
            nul: ~
            empty:
            yes_is_a_string_in_1_2: yes
            quoted_int: '12'
            tagged: !!str 12
            tagged_float: !!float 1
            block: |
              line one
              line two
            """;
        Assert.Equal(
            "ImmutableMap({\"block\": \"line one\\nline two\", \"dec\": -17, \"dot\": 0.5, \"empty\": null, \"exp\": 1000.0, \"flt\": 0.0003, \"hex\": 31, " +
            "\"nul\": null, \"oct\": 15, \"quoted_int\": \"12\", \"tagged\": \"12\", \"tagged_float\": 1.0, \"yes_is_a_string_in_1_2\": \"yes\"})",
            YamlMapFormat.Instance.Read(Bytes(yaml)).ToString());
    }

    [Fact]
    public void Yaml_aliases_expand_to_equal_values()
    {
        const string yaml = """
            defaults: &d {lr: 0.1, layers: [1, 2]}
            run: *d
            """;
        var map = YamlMapFormat.Instance.Read(Bytes(yaml));
        Assert.Equal(map["defaults"], map["run"]);
        Assert.Equal("ImmutableMap({\"defaults\": ImmutableMap({\"layers\": [1, 2], \"lr\": 0.1}), \"run\": ImmutableMap({\"layers\": [1, 2], \"lr\": 0.1})})", map.ToString());
    }

    [Fact]
    public void MessagePack_output_is_the_canonical_encoding()
    {
        Assert.Equal("81a16101", Convert.ToHexStringLower(MessagePackMapFormat.Instance.WriteToArray(ImmutableMap.Of<string, object?>(("a", 1)))));
        Assert.Equal(Sample.ToCanonicalBytes(), MessagePackMapFormat.Instance.WriteToArray(Sample));
    }

    [Fact]
    public void MessagePack_reads_non_canonical_input_to_the_same_map_and_hash()
    {
        // {"b": int32 1, "a": float32 1.5, "c": uint64 7, "d": str16 "x", "e": array16 [int8 -1]} : unsorted keys, wide forms.
        byte[] bytes = Convert.FromHexString("85" + "a162" + "d200000001" + "a161" + "ca3fc00000" + "a163" + "cf0000000000000007" + "a164" + "da000178" + "a165" + "dc0001" + "d0ff");
        var read = MessagePackMapFormat.Instance.Read(bytes);
        var expected = ImmutableMap.Of<string, object?>(("a", 1.5), ("b", 1L), ("c", 7L), ("d", "x"), ("e", ImmutableArray.Create<object?>(-1L)));
        Assert.Equal(expected, read);
        Assert.Equal(expected.ContentHash, read.ContentHash);
        Assert.Equal("85a161cb3ff8000000000000a16201a16307a164a178a16591ff", Convert.ToHexStringLower(read.ToCanonicalBytes()));
    }

    [Fact]
    public void Protobuf_golden_bytes_both_ways()
    {
        // Map{ Entry{ string_key "a", value{ int_value 1 } }, Entry{ string_key "b", value{ float_value 1.0 } } }
        const string hex = "0a070a016122021802" + "0a0e0a0162220929000000000000f03f";
        var map = ImmutableMap.Of<string, object?>(("b", 1.0), ("a", 1L));
        Assert.Equal(hex, Convert.ToHexStringLower(ProtobufMapFormat.Instance.WriteToArray(map)));
        Assert.Equal(map, ProtobufMapFormat.Instance.Read(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Protobuf_writes_int64_range_as_sint64_and_above_as_uint64()
    {
        var map = ImmutableMap.Of<string, object?>(("a", -1L), ("b", ulong.MaxValue));
        // a: int_value (field 3) zigzag(-1) = 1; b: uint_value (field 4) 2^64-1 as a 10-byte varint.
        Assert.Equal("0a070a0161220218010a100a016222" + "0b20ffffffffffffffffff01", Convert.ToHexStringLower(ProtobufMapFormat.Instance.WriteToArray(map)));
    }

    [Fact]
    public void Json_refuses_what_it_cannot_carry_naming_the_path()
    {
        var nan = ImmutableMap.Of<string, object?>(("opt", ImmutableMap.Of<string, object?>(("lr", double.NaN))));
        var e = Assert.Throws<MapFormatException>(() => JsonMapFormat.Instance.WriteToArray(nan));
        Assert.Equal("opt.lr", e.DocumentPath);
        Assert.Equal("<input>: json: at opt.lr: JSON cannot carry the float NaN", e.Message);
        Assert.IsType<System.Text.Json.JsonException>(e.InnerException);

        var bytes = ImmutableMap.Of<string, object?>(("blob", ImmutableArray.Create<byte>(1)));
        Assert.Equal("blob", Assert.Throws<MapFormatException>(() => JsonMapFormat.Instance.WriteToArray(bytes)).DocumentPath);

        var intKeys = ImmutableMap.Of<string, object?>(("by_id", ImmutableMap.Of<long, object?>((1, "x"))));
        Assert.Contains("integer key 1", Assert.Throws<MapFormatException>(() => JsonMapFormat.Instance.WriteToArray(intKeys)).Message);
    }

    [Fact]
    public void Json_writer_leaves_the_stream_untouched_when_it_refuses()
    {
        using var stream = new MemoryStream();
        Assert.Throws<MapFormatException>(() => JsonMapFormat.Instance.Write(ImmutableMap.Of<string, object?>(("a", 1), ("z", double.NaN)), stream));
        Assert.Equal(0, stream.Length);
    }
}
