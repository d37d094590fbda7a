namespace Xmmutablemap.Tests;

/// <summary>Allocation is counted, not timed: GC.GetAllocatedBytesForCurrentThread is exact per thread.</summary>
public class AllocationTests
{
    private static long Allocated(Action action)
    {
        action(); // warm up: JIT and first-use caches
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static readonly ImmutableMap<string, double> Map =
        Enumerable.Range(0, 100).Select(i => KeyValuePair.Create("optimizer.param_" + i, i * 0.5)).ToImmutableMap();

    private static readonly string[] Probes = ["optimizer.param_7", "optimizer.param_99", "missing"];

    [Fact]
    public void A_reader_building_a_map_allocates_only_the_map_and_its_values_when_the_keys_repeat()
    {
        // The warm-up read of Allocated built a map with the same keys: the second shares its key array.
        // The reference: handing two fresh arrays over to a map (the two arrays and the map itself).
        var path = new Xmmutablemap.Documents.DocumentPath();
        long direct = Allocated(() =>
        {
            string[] keys = ["a", "b"];
            object?[] values = [1L, 2L];
            ImmutableMapMarshal.TryCreateFromOwnedArrays(keys, values, out _, out _);
        });
        long viaBuilder = Allocated(() =>
        {
            var entries = Xmmutablemap.Documents.DocumentMapBuilder.Rent();
            entries.Add("a", 1L, path, Xmmutablemap.Documents.DocumentPosition.AtByte(1));
            entries.Add("b", 2L, path, Xmmutablemap.Documents.DocumentPosition.AtByte(7));
            entries.ToMap(path);
        });
        long keyArray = Allocated(() => GC.KeepAlive(new string[2]));
        Assert.Equal(direct - keyArray, viaBuilder);
    }

    [Fact]
    public void Lookups_allocate_nothing()
    {
        double sum = 0;
        Assert.Equal(0, Allocated(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                foreach (var key in Probes)
                {
                    if (Map.TryGetValue(key, out var v)) sum += v;
                    if (Map.ContainsKey(key)) sum += Map[key];
                    sum += Map.GetValueOrDefault(key, 0);
                }
            }
        }));
        Assert.True(sum > 0);
    }

    [Fact]
    public void Enumeration_allocates_nothing()
    {
        double sum = 0;
        Assert.Equal(0, Allocated(() =>
        {
            foreach (var pair in Map) sum += pair.Value;
            foreach (var key in Map.Keys) sum += key.Length;
            foreach (var value in Map.Values) sum += value;
        }));
        Assert.True(sum > 0);
    }

    [Fact]
    public void Reading_cached_hashes_allocates_nothing()
    {
        int code = 0;
        ContentHash hash = default;
        Assert.Equal(0, Allocated(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                code ^= Map.GetHashCode();
                hash = Map.ContentHash;
            }
        }));
        Assert.NotEqual(default, hash);
    }

    [Fact]
    public void Canonical_bytes_allocate_only_the_returned_array()
    {
        var config = ImmutableMap.Of<string, object?>(("params", Map), ("name", "resnet"));
        int length = config.ToCanonicalBytes().Length;
        byte[]? kept = null;
        long arrayBytes = Allocated(() => kept = new byte[length]);
        Assert.Equal(arrayBytes, Allocated(() => config.ToCanonicalBytes()));
        Assert.Equal(arrayBytes, Allocated(() => CanonicalEncoding.ToArray(config, Documents.DocumentLimits.Default)));
        Assert.Equal(length, kept!.Length);
    }

    [Fact]
    public void Writing_canonical_bytes_to_a_buffer_with_room_allocates_nothing()
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>(1 << 16);
        Assert.Equal(0, Allocated(() =>
        {
            output.ResetWrittenCount();
            Map.WriteCanonicalTo(output);
        }));
        Assert.Equal(Map.ToCanonicalBytes(), output.WrittenSpan.ToArray());
    }
}
