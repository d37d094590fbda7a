using System.Collections.Immutable;
using System.Text.Json;
using CsCheck;
using global::MessagePack;
using ProtoBuf.Meta;
using Xmmutablemap.Json;
using Xmmutablemap.Documents;
using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Protobuf;
using Xmmutablemap.Serialization.Yaml;
using Xmmutablemap.Testing;
using YamlDotNet.Serialization;
using static Xmmutablemap.Serialization.Tests.TestSupport;

namespace Xmmutablemap.Serialization.Tests;

/// <summary>
/// Whatever a writer emits, the same format's reader accepts under the same limits; a writer refuses (with
/// <see cref="MapFormatException"/>) whatever the reader would refuse; the native adapters honour the caller's limits.
/// </summary>
public class ReadersAndWritersAgreeTests
{
    private static object? Nest(object? value, int levels)
    {
        for (int i = 0; i < levels; i++) value = i % 2 == 0 ? ImmutableArray.Create(value) : ImmutableMap.Of(("n", value));
        return value;
    }

    // Documents of any depth up to 80 (the default limit is 64), any limit from 1 to 80, and sometimes a
    // top level with integer keys (which no reader accepts).
    private static Gen<(IImmutableMap Map, DocumentLimits Limits)> Cases(IMapFormat format) =>
        Gen.Select(ModelGen.Document.Where(d => CanCarry(format, d)), Gen.Int[0, 80], Gen.Int[1, 80], Gen.Int[0, 9])
            .Select((doc, extra, max, shape) => (
                shape == 0 ? (IImmutableMap)ImmutableMap.Of((1L, (object?)doc)) : ImmutableMap.Of(("deep", Nest(doc, extra))),
                new DocumentLimits { MaxDepth = max }));

    [Theory]
    [MemberData(nameof(FormatNames), MemberType = typeof(TestSupport))]
    public void What_a_writer_emits_its_reader_accepts_under_the_same_limits(string name)
    {
        var format = Format(name);
        int written = 0, refused = 0;
        Cases(format).Sample(c =>
        {
            byte[] bytes;
            try
            {
                bytes = format.WriteToArray(c.Map, c.Limits);
            }
            catch (MapFormatException e)
            {
                Assert.Equal(format.Name, e.Format);
                refused++;
                return;
            }
            written++;
            var back = format.Read(bytes, c.Limits); // a reader-side refusal fails the test here
            Assert.True(c.Map.ContentEquals(back));
            Assert.Equal(c.Map.ContentHash, back.ContentHash);
        }, iter: 150, threads: 1);
        Assert.True(written > 20 && refused > 20, $"written {written}, refused {refused}: the generator must exercise both");
    }

    [Theory]
    [MemberData(nameof(FormatNames), MemberType = typeof(TestSupport))]
    public void A_top_level_with_integer_keys_is_refused_by_the_writer(string name)
    {
        var format = Format(name);
        var e = Assert.Throws<MapFormatException>(() => format.WriteToArray(ImmutableMap.Of((1L, (object?)"a"))));
        Assert.Equal($"<input>: {name}: the top level must be a map with string keys, not Int64 keys", e.Message);
        Assert.NotNull(e.InnerException);
    }

    [Theory]
    [MemberData(nameof(FormatNames), MemberType = typeof(TestSupport))]
    public void A_map_nested_100_deep_is_refused_by_the_writer_at_the_default_limit_with_its_path(string name)
    {
        var format = Format(name);
        var deep = ImmutableMap.Of(("a", Nest(1L, 99)));
        var e = Assert.Throws<MapFormatException>(() => format.WriteToArray(deep));
        Assert.Equal("nesting is deeper than the limit of 64", e.Reason);
        Assert.StartsWith("a[0].n[0]", e.DocumentPath);
        var back = format.Read(format.WriteToArray(deep, new DocumentLimits { MaxDepth = 100 }), new DocumentLimits { MaxDepth = 100 });
        Assert.Equal(deep, back);
    }

    [Fact]
    public void Json_write_of_a_map_1100_deep_is_a_MapFormatException_not_the_writers_own_error()
    {
        var deep = ImmutableMap.Of(("a", Nest(1L, 1100)));
        var e = Assert.Throws<MapFormatException>(() => JsonMapFormat.Instance.WriteToArray(deep));
        Assert.Equal("nesting is deeper than the limit of 64", e.Reason);
        var limits = new DocumentLimits { MaxDepth = 1200 };
        OnSmallStack(() =>
        {
            // On a small stack the writer may run out of room: that too is a MapFormatException, never a crash.
            try
            {
                var back = JsonMapFormat.Instance.Read(JsonMapFormat.Instance.WriteToArray(deep, limits), limits);
                Assert.Equal(deep, back);
            }
            catch (MapFormatException stack)
            {
                Assert.Equal("the document nests too deep for this thread's stack", stack.Reason);
            }
        });
    }

    [Fact]
    public void A_million_values_written_as_yaml_read_back()
    {
        var values = ImmutableArray.CreateRange(Enumerable.Repeat((object?)0L, 1_000_001));
        var map = ImmutableMap.Of(("a", (object?)values));
        var back = YamlMapFormat.Instance.Read(YamlMapFormat.Instance.WriteToArray(map));
        Assert.Equal(map.ContentHash, back.ContentHash);
    }

    [Fact]
    public void System_Text_Json_converter_honours_the_options_depth()
    {
        var options = new JsonSerializerOptions { MaxDepth = 3 }.AddImmutableMapConverters();
        string json = "{\"a\": {\"b\": {\"c\": 1}}}";
        Assert.NotNull(JsonSerializer.Deserialize<ImmutableMap<string, object?>>(json, options));
        // System.Text.Json's own reader enforces the same MaxDepth before the converter sees the value.
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ImmutableMap<string, object?>>("{\"a\": {\"b\": {\"c\": [1]}}}", options));
        Assert.Matches("(maximum configured depth|nesting is deeper than the limit) of 3", e.Message);
        var write = Assert.Throws<JsonException>(() => JsonSerializer.Serialize(ImmutableMap.Of(("a", Nest(1L, 3))), options));
        Assert.Contains("nesting is deeper than the limit of 3", write.Message);
    }

    [Fact]
    public void YamlDotNet_converter_honours_the_given_limits()
    {
        var limits = new DocumentLimits { MaxDepth = 2 };
        var deserializer = new DeserializerBuilder().WithImmutableMaps(limits).Build();
        Assert.NotNull(deserializer.Deserialize<ImmutableMap<string, object?>>("a: [1]\n"));
        var e = Assert.Throws<YamlDotNet.Core.YamlException>(() => deserializer.Deserialize<ImmutableMap<string, object?>>("a: [[1]]\n"));
        Assert.Contains("nesting is deeper than the limit of 2", e.Message);
        var bomb = new DeserializerBuilder().WithImmutableMaps(new DocumentLimits { MaxAliasExpansion = 5 }).Build();
        e = Assert.Throws<YamlDotNet.Core.YamlException>(() => bomb.Deserialize<ImmutableMap<string, object?>>("a: &a [1, 2, 3]\nb: *a\nc: *a\n"));
        Assert.Contains("aliases add more than 5 values", e.Message);
        var serializer = new SerializerBuilder().WithImmutableMaps(limits).Build();
        Assert.Throws<YamlDotNet.Core.YamlException>(() => serializer.Serialize(ImmutableMap.Of(("a", Nest(1L, 2)))));
    }

    [Fact]
    public void MessagePack_formatter_honours_the_options_depth_with_one_counter()
    {
        var options = ImmutableMapResolver.Options.WithSecurity(MessagePackSecurity.UntrustedData.WithMaximumObjectGraphDepth(3));
        var ok = ImmutableMap.Of(("a", Nest(1L, 2)));
        var bytes = MessagePackSerializer.Serialize(ok, ImmutableMapResolver.Options);
        Assert.Equal(ok, MessagePackSerializer.Deserialize<ImmutableMap<string, object?>>(bytes, options));
        var tooDeep = MessagePackSerializer.Serialize(ImmutableMap.Of(("a", Nest(1L, 3))), ImmutableMapResolver.Options);
        var e = Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<ImmutableMap<string, object?>>(tooDeep, options));
        Assert.Contains("nesting is deeper than the limit of 3", e.ToString());
        Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Serialize(ImmutableMap.Of(("a", Nest(1L, 3))), options));
    }

    [Fact]
    public void Protobuf_net_registration_honours_the_given_limits()
    {
        var typeModel = RuntimeTypeModel.Create().AddImmutableMaps(new DocumentLimits { MaxDepth = 2 });
        var ok = ImmutableMap.Of(("a", Nest(1L, 1)));
        using var stream = new MemoryStream();
        typeModel.Serialize(stream, ok);
        stream.Position = 0;
        Assert.Equal(ok, typeModel.Deserialize<ImmutableMap<string, object?>>(stream));
        var deep = ProtobufMapFormat.Instance.WriteToArray(ImmutableMap.Of(("a", Nest(1L, 2))));
        var e = Assert.Throws<ProtoBuf.ProtoException>(() => typeModel.Deserialize<ImmutableMap<string, object?>>(new MemoryStream(deep)));
        Assert.Contains("nesting is deeper than the limit of 2", e.Message);
        Assert.ThrowsAny<Exception>(() => typeModel.Serialize(new MemoryStream(), ImmutableMap.Of(("a", Nest(1L, 2)))));
    }
}
