using System.Diagnostics;
using CsCheck;
using Xmmutablemap.Documents;
using Xmmutablemap.Json;
using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Protobuf;
using Xmmutablemap.Serialization.Yaml;
using Xmmutablemap.Testing;
using static Xmmutablemap.Serialization.Tests.TestSupport;

namespace Xmmutablemap.Serialization.Tests;

/// <summary>
/// A seeded mutation fuzzer over every reader, run by every <c>dotnet test</c>: by default a fixed number of
/// inputs per format, the same on every machine (so CI is reproducible); with XMM_FUZZ_SECONDS, as many as fit
/// in that time per format, and XMM_FUZZ_SEED varies the inputs, for longer runs. For each mutated document it checks: the reader throws nothing but
/// <see cref="MapFormatException"/>, never hangs, allocates in proportion to its input, and whatever it
/// accepts re-encodes through every other format to the same content hash.
/// The long, coverage-guided run is fuzz/run.sh (SharpFuzz and AFL++); its findings join <see cref="Findings"/>.
/// </summary>
public class FuzzTests
{
    private static readonly string Examples = Path.Combine(AppContext.BaseDirectory, "examples");

    private static double? SecondsPerFormat =>
        double.TryParse(Environment.GetEnvironmentVariable("XMM_FUZZ_SECONDS"), out double s) ? s : null;

    // About four seconds per format on the 2-core CI machine (YAML is the slow reader).
    private static int InputsPerFormat(string name) => name == "yaml" ? 2000 : 8000;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("XMM_FUZZ_SEED"), out int s) ? s : 20261201;

    /// <summary>Valid documents of the format: the examples, random documents, and YAML with anchors and block scalars.</summary>
    private static List<byte[]> Corpus(IMapFormat format)
    {
        var documents = new List<ImmutableMap<string, object?>>
        {
            MapFile.Load(Path.Combine(Examples, "train.yaml")),
            MapFile.Load(Path.Combine(Examples, "service.yaml")),
        };
        // One draw of 40 from a fixed seed: Sample's seed fixes only its first iteration, so the corpus (and so the
        // mutations) differed from run to run.
        documents.AddRange(ModelGen.Document.Where(d => CanCarry(format, d)).Array[40].Single(_ => true, "0N0XIzNsQ0O2"));
        var corpus = documents.Select(d => format.WriteToArray(d)).ToList();
        if (format.Name == "yaml")
        {
            corpus.Add(Bytes("base: &base {lr: 0.1, tags: [a, b]}\nrun: *base\nnote: |+\n  line\n\nfolded: >-\n  a\n  b\nbin: !!binary aGk=\n"));
            corpus.Add(Bytes("x: {? k\n  : [1, 2]}\ny: !!float 1\nz: 0x1f\n"));
        }
        return corpus;
    }

    [Fact]
    public void The_corpus_is_the_same_on_every_run()
    {
        // Two draws give the same documents: with Sample's seed, all but the first differed (each run fuzzed other inputs).
        foreach (var format in TestSupport.Formats)
        {
            var corpus = Corpus(format);
            Assert.True(corpus.Count >= 42, $"{format.Name}: {corpus.Count}");
            Assert.Equal(corpus.Select(Convert.ToHexString), Corpus(format).Select(Convert.ToHexString));
        }
    }

    public static TheoryData<string> Formats() => new(TestSupport.Formats.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Formats))]
    public void Mutated_documents_end_in_a_map_with_a_stable_hash_or_a_MapFormatException(string name)
    {
        var format = Format(name);
        var corpus = Corpus(format);
        var mutator = new DocumentMutator(Seed + name.Length);
        int accepted = 0, refused = 0;
        byte[]? current = null;
        long progress = 0;
        Exception? failure = null;
        var worker = new Thread(() =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                double? seconds = SecondsPerFormat;
                int inputs = InputsPerFormat(name);
                while (seconds is { } limit ? clock.Elapsed.TotalSeconds < limit : accepted + refused < inputs)
                {
                    var input = corpus[(int)(progress % corpus.Count)];
                    current = mutator.Mutate(input, corpus, text: name is "json" or "yaml");
                    if (Check(format, current)) accepted++;
                    else refused++;
                    Interlocked.Increment(ref progress);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, maxStackSize: 256 * 1024);
        worker.Start();
        long seen = -1;
        while (!worker.Join(TimeSpan.FromSeconds(5)))
        {
            // No hang: every input must finish well within five seconds.
            long now = Interlocked.Read(ref progress);
            Assert.True(now != seen, $"{name}: an input did not finish in 5 s: {Convert.ToHexString(current ?? [])}");
            seen = now;
        }
        if (failure is not null) throw new Xunit.Sdk.XunitException($"{name}: {failure.Message}\ninput: {Convert.ToHexString(current ?? [])}", failure);
        Assert.True(accepted + refused > 200, $"{name}: only {accepted + refused} inputs were tried");
        Assert.True(accepted > 0 && refused > 0, $"{name}: accepted {accepted}, refused {refused}: the mutations must exercise both");
    }

    private static readonly YamlDotNet.Serialization.IDeserializer NativeYaml = new YamlDotNet.Serialization.DeserializerBuilder().WithImmutableMaps().Build();

    // Each library's own entry point, through the adapter that plugs the map into it.
    private static ImmutableMap<string, object?>? ReadNatively(string name, byte[] input) => name switch
    {
        "json" => System.Text.Json.JsonSerializer.Deserialize<ImmutableMap<string, object?>>(input),
        // With the parser the format reads through: YamlDotNet's own refuses PyYAML's form for long keys.
        "yaml" => NativeYaml.Deserialize<ImmutableMap<string, object?>>(YamlMapFormat.CreateParser(new StringReader(System.Text.Encoding.UTF8.GetString(input)))),
        "msgpack" => global::MessagePack.MessagePackSerializer.Deserialize<ImmutableMap<string, object?>>(input, ImmutableMapResolver.Options),
        _ => ProtoBuf.Serializer.Deserialize<ImmutableMap<string, object?>>(new MemoryStream(input)),
    };

    /// <summary>
    /// The native adapters follow the same model rules as the formats: whatever a format reads, its library's own
    /// API reads to the same map. (The converse does not hold by design: MessagePack-CSharp reads one value and
    /// leaves trailing bytes, and each library applies its own depth setting.) Found a <c>!!map</c>-tagged YAML
    /// mapping that the format read and YamlDotNet's deserializer refused.
    /// </summary>
    [Theory]
    [MemberData(nameof(Formats))]
    public void What_a_format_reads_its_library_reads_to_the_same_map_through_the_adapter(string name)
    {
        var format = Format(name);
        var corpus = Corpus(format);
        var mutator = new DocumentMutator(Seed + 7 * name.Length);
        int compared = 0;
        for (int i = 0; i < 1500 + corpus.Count; i++)
        {
            // The corpus as it is first, then mutations of it.
            var input = i < corpus.Count ? corpus[i] : mutator.Mutate(corpus[i % corpus.Count], corpus, text: name is "json" or "yaml");
            ImmutableMap<string, object?> read;
            try
            {
                read = format.Read(input);
            }
            catch (MapFormatException)
            {
                continue;
            }
            ImmutableMap<string, object?>? native;
            try
            {
                native = ReadNatively(name, input);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{name}: the format read {read}, its library refused it: {e.GetType().Name}: {e.Message} {e.InnerException?.Message}\ninput: {Convert.ToHexString(input)}");
            }
            Assert.True(read.Equals(native), $"{name}: the format read {read}, its library {native}\ninput: {Convert.ToHexString(input)}");
            compared++;
        }
        // Every document of the corpus is valid, so each is compared; the mutations add however many they keep valid.
        Assert.True(compared >= corpus.Count, $"{name}: only {compared} inputs were read by both, of a corpus of {corpus.Count}");
    }

    /// <summary>Inputs that fuzzing found to break a reader, kept as regressions: (format, hex).</summary>
    public static TheoryData<string, string> Findings() => new()
    {
        { "yaml", Convert.ToHexString(Bytes("a: \"\\UFFFFFFFF\"")) },
        { "yaml", Convert.ToHexString(Bytes("a: !<> x")) },
        { "yaml", Convert.ToHexString(Bytes("a: !<tag:yaml.]rg,2002:str> x")) },
        // Accepted, but the YAML writer emitted its 600-quote key as an implicit key over YAML's 1,024-character limit.
        { "yaml", Convert.ToHexString(Bytes("a: 1\n'" + new string('"', 600) + "': 2\n")) },
        // The same through escapes: 300 control characters, each written back as \x01.
        { "yaml", Convert.ToHexString(Bytes("k: {\"" + string.Concat(Enumerable.Repeat("\\x01", 300)) + "\": 1}\n")) },
        // Accepted by the format, refused by protobuf-net (OverflowException): field tags of 6 bytes or more, zero-padded.
        { "protobuf", "8A8A8A8A8A001A0065223442327200108A6880CA35352935353535350001353535353535353535358068688268006867AD8068686865806868" },
        { "protobuf", "88888888880038" },
        { "protobuf", "E83D0A805F80808080800180806867809868808080808080808080008080809F8080000080804F68" },
        { "protobuf", "E83D0A805F80808080800180808A6780986891808080808080808000808080808080808080804F68" },
        { "protobuf", "80FFFFFF8000AD80F010" },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void Fuzz_findings_stay_fixed(string name, string hex)
    {
        var input = Convert.FromHexString(hex);
        OnSmallStack(() => Check(Format(name), input));
        // And what the format reads, its library's own API reads to the same map through the adapter.
        ImmutableMap<string, object?>? read = null;
        try { read = Format(name).Read(input); } catch (MapFormatException) { }
        if (read is not null) Assert.Equal(read, ReadNatively(name, input));
    }

    /// <summary>True when the reader accepted the input (and the checks on the result held), false when it refused it.</summary>
    private static bool Check(IMapFormat format, byte[] input)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        ImmutableMap<string, object?> map;
        try
        {
            map = format.Read(input);
        }
        catch (MapFormatException e)
        {
            Assert.Equal(format.Name, e.Format);
            Assert.NotNull(e.InnerException);
            CheckAllocation(format, input, before);
            if (format.Name == "json") CheckJsonWindow(input, e);
            return false;
        }
        CheckAllocation(format, input, before);
        if (format.Name == "json") CheckJsonWindow(input, null, map);
        var hash = map.ContentHash;
        foreach (var other in TestSupport.Formats)
        {
            if (!CanCarry(other, map)) continue;
            var back = other.Read(other.WriteToArray(map));
            if (back.ContentHash != hash)
                throw new Xunit.Sdk.XunitException($"{format.Name} -> {other.Name} changed the hash of {map}");
        }
        return true;
    }

    /// <summary>A JSON file is read a window at a time: through a 7-byte window (edges inside keys, numbers and escapes)
    /// the input must give the same map, or the same error at the same path and position, as read whole.</summary>
    private static void CheckJsonWindow(byte[] input, MapFormatException? wholeError, ImmutableMap<string, object?>? whole = null)
    {
        ImmutableMap<string, object?> streamed;
        try
        {
            streamed = JsonModelReader.ReadDocument(new MemoryStream(input), DocumentLimits.Default, bufferSize: 7);
        }
        catch (DocumentException e)
        {
            if (wholeError is null) throw new Xunit.Sdk.XunitException($"json: read whole it was accepted, through a window refused: {e.Message}");
            Assert.Equal((wholeError.Reason, wholeError.DocumentPath, wholeError.Line, wholeError.Column), (e.Reason, e.Path, e.Position.Line, e.Position.Column));
            return;
        }
        if (wholeError is not null) throw new Xunit.Sdk.XunitException($"json: read whole it was refused ({wholeError.Message}), through a window accepted");
        Assert.Equal(whole, streamed);
    }

    // Bounded allocation: a reader may allocate a constant plus a multiple of its input, never more (no
    // alias expansion by copy, no header that makes it allocate what the input cannot hold).
    private static void CheckAllocation(IMapFormat format, byte[] input, long before)
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long bound = (16L << 20) + 256L * input.Length;
        Assert.True(allocated <= bound, $"{format.Name} allocated {allocated} bytes for an input of {input.Length}");
    }
}
