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

    // Readers may index the array behind the memory directly: memory that starts part-way into an array (with
    // other bytes on both sides) and memory that no array backs must read the same, and a truncated document
    // must fail at the same place, relative to the memory's own start, without reading the bytes after it.
    [Theory]
    [MemberData(nameof(FormatNames), MemberType = typeof(TestSupport))]
    public void Memory_inside_a_larger_array_or_backed_by_no_array_reads_like_its_own_array(string name)
    {
        var format = Format(name);
        byte[] bytes = format.WriteToArray(Config);
        byte[] padded = [.. Enumerable.Repeat((byte)0xFF, 7), .. bytes, .. Enumerable.Repeat((byte)0xFF, 7)];
        Assert.Equal(Config, format.Read(padded.AsMemory(7, bytes.Length)));
        Assert.False(System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(new UnmanagedMemory(bytes).Memory, out _));
        Assert.Equal(Config, format.Read(new UnmanagedMemory(bytes).Memory));

        byte[] cut = bytes[..(bytes.Length / 2)];
        string alone = Outcome(() => format.Read(cut.AsMemory()));
        Assert.Equal(alone, Outcome(() => format.Read(padded.AsMemory(7, cut.Length))));
        if (name is "msgpack" or "protobuf") Assert.StartsWith("error: <input>: byte ", alone); // half a YAML file can still be YAML
    }

    private static string Outcome(Func<ImmutableMap<string, object?>> read)
    {
        try
        {
            return "map: " + read();
        }
        catch (MapFormatException e)
        {
            return "error: " + e.Message;
        }
    }

    [Fact]
    public void A_protobuf_length_past_the_end_of_a_slice_names_the_slice_offset()
    {
        // Map { entries (field 1, wire 2) of length 5 } with only 2 of those bytes present, at offset 3 of an array
        // whose following bytes would make the entry whole.
        byte[] array = [0xFF, 0xFF, 0xFF, 0x0a, 0x05, 0x0a, 0x01, 0x61, 0x22, 0x00];
        var e = Assert.Throws<MapFormatException>(() => Format("protobuf").Read(array.AsMemory(3, 4)));
        Assert.Equal("<input>: byte 1: protobuf: a length of 5 bytes runs past the end of its message (2 bytes remain)", e.Message);
    }

    /// <summary>Memory that does not say which array backs it (TryGetArray is false), as a memory-mapped file or a
    /// native buffer hands over.</summary>
    private sealed class UnmanagedMemory(byte[] contents) : MemoryManager<byte>
    {
        private readonly byte[] _copy = [.. contents];

        public override Span<byte> GetSpan() => _copy;

        public override MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException("not pinned in these tests");

        public override void Unpin() { }

        protected override void Dispose(bool disposing) { }
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
