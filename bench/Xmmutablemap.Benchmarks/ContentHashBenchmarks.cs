using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Xmmutablemap;

namespace Xmmutablemap.Benchmarks;

/// <summary>
/// The content hash of a nested config of about 1,000 leaves, computed afresh each time
/// (<see cref="CanonicalEncoding.Hash"/>, the code path behind the first ContentHash read), against
/// SHA-256 over the ready canonical bytes (the floor) and the hand-written "sorted JSON, then SHA-256".
/// </summary>
public class ContentHashBenchmarks
{
    [Params(1_000)]
    public int Leaves;

    private ImmutableMap<string, object?> _config = null!;
    private byte[] _canonical = null!;
    private SortedDictionary<string, object?> _plain = null!;

    [GlobalSetup]
    public void Setup()
    {
        _config = BenchData.Config(Leaves);
        _canonical = _config.ToCanonicalBytes();
        _plain = BenchData.PlainSorted(_config);
    }

    [Benchmark]
    public ContentHash ImmutableMap_ContentHash() => CanonicalEncoding.Hash(_config);

    /// <summary>
    /// One override (<c>SetPath</c> of a leaf three levels down) and the new map's first <c>ContentHash</c>:
    /// what a sweep over one parameter pays per run.
    /// </summary>
    [Benchmark]
    public ContentHash ImmutableMap_ContentHash_after_SetPath() => _config.SetPath("layers.layer_050.dropout", 0.5).ContentHash;

    /// <summary>The encoding alone, into a reused buffer: what the content hash adds to the SHA-256 floor.</summary>
    [Benchmark]
    public int ImmutableMap_CanonicalBytes_only()
    {
        _buffer.ResetWrittenCount();
        _config.WriteCanonicalTo(_buffer);
        return _buffer.WrittenCount;
    }

    private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(1 << 16);

    [Benchmark(Baseline = true)]
    public byte[] Sha256_of_ready_canonical_bytes() => SHA256.HashData(_canonical);

    [Benchmark]
    public byte[] Sorted_json_then_Sha256() => SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(_plain));
}
