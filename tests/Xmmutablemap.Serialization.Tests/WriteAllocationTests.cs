using System.Collections.Immutable;
using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Protobuf;

namespace Xmmutablemap.Serialization.Tests;

/// <summary>
/// What a write allocates besides its output, counted exactly per thread (not timed). A config with a hundred
/// lists and maps: per-value garbage (a boxed list enumerator, a growing size table) shows as kilobytes.
/// </summary>
public class WriteAllocationTests
{
    private static readonly ImmutableMap<string, object?> Config = ImmutableMap.FreezeMap(
        Enumerable.Range(0, 100).ToDictionary(
            i => $"layer_{i:D3}",
            i => (object?)new Dictionary<string, object?>
            {
                ["units"] = 64 + i,
                ["dropout"] = 0.1 + i * 1e-4,
                ["shape"] = new List<object?> { 3, 3, 64 + i },
                ["name"] = $"block{i}/conv",
            }));

    private static long Allocated(Action action)
    {
        action(); // warm up: JIT and first-use caches
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static long OutputSize(IMapFormat format)
    {
        var stream = new MemoryStream();
        format.Write(Config, stream);
        return stream.Length;
    }

    /// <summary>
    /// The JSON writer's first, unoptimised code boxes values that the optimised code does not, so this waits
    /// for the runtime to compile the hot methods again before it counts: up to about fifteen seconds, since on a
    /// busy 2-core machine (test assemblies run in parallel) the background compilation was seen to take over three.
    /// </summary>
    [Fact]
    public void Json_write_allocates_under_a_kilobyte_once_warm()
    {
        var stream = new MemoryStream(1 << 16);
        void Write() { stream.SetLength(0); JsonMapFormat.Instance.Write(Config, stream); }
        long allocated = long.MaxValue;
        for (int round = 0; round < 150 && allocated > 1024; round++)
        {
            for (int i = 0; i < 50; i++) Write();
            Thread.Sleep(100);
            allocated = Allocated(Write);
        }
        Assert.InRange(allocated, 0, 1024);
    }

    [Fact]
    public void MessagePack_write_allocates_under_a_kilobyte()
    {
        var stream = new MemoryStream(1 << 16);
        long allocated = Allocated(() => { stream.SetLength(0); MessagePackMapFormat.Instance.Write(Config, stream); });
        Assert.InRange(allocated, 0, 1024);
        Assert.Equal(Config.ToCanonicalBytes(), stream.ToArray());
    }

    // MessagePack-CSharp users serializing their own objects: the map's bytes go straight into the serializer's
    // buffer, from this thread's scratch buffer, not from a new array per map.
    [Fact]
    public void The_MessagePack_CSharp_formatter_writes_a_map_with_under_a_kilobyte_of_allocation()
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>(1 << 16);
        long allocated = Allocated(() =>
        {
            output.ResetWrittenCount();
            global::MessagePack.MessagePackSerializer.Serialize(output, Config, ImmutableMapResolver.Options);
        });
        Assert.InRange(allocated, 0, 1024);
        Assert.Equal(Config.ToCanonicalBytes(), output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Protobuf_write_allocates_its_output_and_under_a_kilobyte_more()
    {
        var format = ProtobufMapFormat.Instance;
        long output = OutputSize(format);
        var stream = new MemoryStream(1 << 16);
        long allocated = Allocated(() => { stream.SetLength(0); format.Write(Config, stream); });
        Assert.InRange(allocated, output, output + 1024);
    }

    // A refused value part-way through leaves the thread's scratch buffer usable, and nothing in the output.
    [Fact]
    public void A_refused_MessagePack_write_writes_nothing_and_the_next_one_is_whole()
    {
        var refused = ImmutableMap.Of<string, object?>(("a", new string('x', 40_000)), ("b", new List<int> { 1 }));
        var stream = new MemoryStream();
        Assert.Throws<MapFormatException>(() => MessagePackMapFormat.Instance.Write(refused, stream));
        Assert.Equal(0, stream.Length);
        MessagePackMapFormat.Instance.Write(Config, stream);
        Assert.Equal(Config.ToCanonicalBytes(), stream.ToArray());
    }
}
