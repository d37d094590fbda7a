using System.Buffers;
using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Yaml;
using static Xmmutablemap.Serialization.Tests.TestSupport;

namespace Xmmutablemap.Serialization.Tests;

/// <summary>Documents from strings, spans and sequences, and to strings and buffer writers, with no Stream in between.</summary>
public class TextAndBufferTests
{
    private static readonly ImmutableMap<string, object?> Config = ImmutableMap.Of<string, object?>(("lr", 0.001), ("name", "é"), ("epochs", 10L));

    [Fact]
    public void Text_formats_parse_strings_and_spans_and_write_strings()
    {
        Assert.Equal(Config, JsonMapFormat.Instance.Parse("{\"epochs\": 10, \"lr\": 0.001, \"name\": \"é\"}"));
        Assert.Equal(Config, YamlMapFormat.Instance.Parse("lr: 0.001\nname: é\nepochs: 10\n".AsSpan()));
        Assert.Equal("epochs: 10\nlr: 0.001\nname: \"é\"\n", YamlMapFormat.Instance.WriteToString(Config));
        Assert.Equal(Config, JsonMapFormat.Instance.Parse(JsonMapFormat.Instance.WriteToString(Config)));
        Assert.Throws<InvalidOperationException>(() => MessagePackMapFormat.Instance.WriteToString(Config));
    }

    [Fact]
    public void A_lone_surrogate_in_text_is_a_MapFormatException()
    {
        var e = Assert.Throws<MapFormatException>(() => JsonMapFormat.Instance.Parse("{\"a\": \"\uD800\"}"));
        Assert.Equal("<input>: json: the string contains a lone surrogate, which is not a Unicode scalar value", e.Message);
    }

    [Theory]
    [MemberData(nameof(FormatNames), MemberType = typeof(TestSupport))]
    public void Every_format_reads_memory_and_multi_segment_sequences_and_writes_to_buffer_writers(string name)
    {
        var format = Format(name);
        byte[] bytes = format.WriteToArray(Config);
        var buffer = new ArrayBufferWriter<byte>();
        format.Write(Config, buffer);
        Assert.Equal(bytes, buffer.WrittenSpan.ToArray());
        Assert.Equal(Config, format.Read(bytes.AsMemory()));
        Assert.Equal(Config, format.Read(Split(bytes)));
        Assert.Equal(Config, format.Read(new ReadOnlySequence<byte>(bytes)));
    }

    [Fact]
    public void Bad_bytes_from_memory_are_a_MapFormatException_with_a_position()
    {
        var e = Assert.Throws<MapFormatException>(() => MessagePackMapFormat.Instance.Read(new byte[] { 0x81, 0xa1, 0x61 }.AsMemory()));
        Assert.Equal("<input>: byte 3: msgpack: at a: the input ends where a value should start", e.Message);
    }

    // The bytes in three segments, as a pipe would hand them over.
    private static ReadOnlySequence<byte> Split(byte[] bytes)
    {
        int third = bytes.Length / 3;
        var first = new Segment(bytes.AsMemory(0, third), 0);
        var last = first.Append(bytes.AsMemory(third, third)).Append(bytes.AsMemory(2 * third));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
