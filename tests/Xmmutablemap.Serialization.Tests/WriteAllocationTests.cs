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
    /// (up to about three seconds) for the runtime to compile the hot methods again before it counts.
    /// </summary>
    [Fact]
    public void Json_write_allocates_under_a_kilobyte_once_warm()
    {
        var stream = new MemoryStream(1 << 16);
        void Write() { stream.SetLength(0); JsonMapFormat.Instance.Write(Config, stream); }
        long allocated = long.MaxValue;
        for (int round = 0; round < 30 && allocated > 1024; round++)
        {
            for (int i = 0; i < 50; i++) Write();
            Thread.Sleep(100);
            allocated = Allocated(Write);
        }
        Assert.InRange(allocated, 0, 1024);
    }

    [Theory]
    [InlineData("msgpack")]
    [InlineData("protobuf")]
    public void Binary_writes_allocate_the_output_and_under_a_kilobyte_more(string name)
    {
        IMapFormat format = name == "msgpack" ? MessagePackMapFormat.Instance : ProtobufMapFormat.Instance;
        long output = OutputSize(format);
        var stream = new MemoryStream(1 << 16);
        long allocated = Allocated(() => { stream.SetLength(0); format.Write(Config, stream); });
        Assert.InRange(allocated, output, output + 1024);
    }
}
