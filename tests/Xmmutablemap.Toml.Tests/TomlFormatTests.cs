using System.Collections;
using System.Collections.Immutable;
using System.Text;
using CsCheck;
using Xmmutablemap.Documents;
using Xmmutablemap.Serialization;
using Xmmutablemap.Testing;

namespace Xmmutablemap.Toml.Tests;

/// <summary>The fifth format meets the bar of the built-in four: golden text both ways, round trips, readers
/// and writers that agree, and hostile input ending in <see cref="MapFormatException"/>.</summary>
public sealed class TomlFormatTests : IDisposable
{
    private static readonly TomlMapFormat Toml = TomlMapFormat.Instance;
    private readonly string _dir = Directory.CreateTempSubdirectory("xmm-toml-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static ImmutableMap<string, object?> Read(string toml) => Toml.Read(Utf8(toml));

    private const string Golden =
        "epochs = 10\n" +
        "lr = 0.0003\n" +
        "model = { dropout = 0.1, layers = [64, 32], name = \"resnet\" }\n" +
        "\"odd key\" = [true, 1.0, -5, \"tab\\there\", inf, {}]\n";

    private static readonly ImmutableMap<string, object?> GoldenMap = ImmutableMap.Of<string, object?>(
        ("epochs", 10L),
        ("lr", 3e-4),
        ("model", ImmutableMap.Of<string, object?>(("dropout", 0.1), ("layers", ImmutableArray.Create<object?>(64L, 32L)), ("name", "resnet"))),
        ("odd key", ImmutableArray.Create<object?>(true, 1.0, -5L, "tab\there", double.PositiveInfinity, ImmutableMap<string, object?>.Empty)));

    [Fact]
    public void Golden_text_reads_to_the_map_and_the_map_writes_the_golden_text()
    {
        Assert.Equal(GoldenMap, Read(Golden));
        Assert.Equal(Golden, Encoding.UTF8.GetString(Toml.WriteToArray(GoldenMap)));
    }

    [Fact]
    public void Tables_dotted_keys_and_arrays_of_tables_read_as_TOML_defines_them()
    {
        var map = Read("title = 'x'\n[a]\nx = 1\n[b]\ny = 2.5\n[a.c]\nd.e = true\n[[runs]]\nseed = 1\n[[runs]]\nseed = 2\n");
        Assert.Equal(
            "ImmutableMap({\"a\": ImmutableMap({\"c\": ImmutableMap({\"d\": ImmutableMap({\"e\": true})}), \"x\": 1}), \"b\": ImmutableMap({\"y\": 2.5}), " +
            "\"runs\": [ImmutableMap({\"seed\": 1}), ImmutableMap({\"seed\": 2})], \"title\": \"x\"})",
            map.ToString());
    }

    private static bool TomlCanCarry(object? value) => ModelValue.GetKind(value) switch
    {
        ModelKind.Null or ModelKind.Bytes => false,
        ModelKind.Integer => ModelValue.TryGetInteger(value, out var i) && i <= long.MaxValue,
        ModelKind.List => ((IList)value!).Cast<object?>().All(TomlCanCarry),
        ModelKind.Map => value is IImmutableMap map && (map.Count == 0 || map.KeyType == typeof(string)) && Enumerable.Range(0, map.Count).All(i => TomlCanCarry(map.GetValue(i))),
        _ => true,
    };

    [Fact]
    public void Random_maps_round_trip_to_an_equal_map_with_the_same_hash_or_are_refused_by_the_writer()
    {
        int written = 0;
        ModelGen.Document.Sample(document =>
        {
            byte[] bytes;
            try
            {
                bytes = Toml.WriteToArray(document);
            }
            catch (MapFormatException e)
            {
                Assert.Equal("toml", e.Format);
                Assert.False(TomlCanCarry(document), "refused a document it can carry: " + e.Message);
                return;
            }
            written++;
            Assert.True(TomlCanCarry(document), "wrote a document it cannot carry");
            ImmutableMap<string, object?> back;
            try
            {
                back = Toml.Read(bytes);
            }
            catch (MapFormatException e)
            {
                throw new Xunit.Sdk.XunitException($"the reader refused what the writer wrote: {e.Message}\n{Encoding.UTF8.GetString(bytes)}");
            }
            Assert.Equal(document, back);
            Assert.Equal(document.ContentHash, back.ContentHash);
        }, iter: 300, threads: 1);
        Assert.True(written > 20, $"only {written} documents were carried");
    }

    private static object? Nest(object? value, int levels)
    {
        for (int i = 0; i < levels; i++) value = i % 2 == 0 ? ImmutableArray.Create(value) : ImmutableMap.Of(("n", value));
        return value;
    }

    [Fact]
    public void What_the_writer_emits_the_reader_accepts_under_the_same_limits()
    {
        Gen.Select(Gen.Int[0, 80], Gen.Int[1, 80]).Sample((levels, max) =>
        {
            var map = ImmutableMap.Of(("deep", Nest(1L, levels)));
            var limits = new DocumentLimits { MaxDepth = max };
            byte[] bytes;
            try
            {
                bytes = Toml.WriteToArray(map, limits);
            }
            catch (MapFormatException e)
            {
                Assert.Equal($"nesting is deeper than the limit of {max}", e.Reason);
                return;
            }
            Assert.Equal(map, Toml.Read(bytes, limits));
        }, iter: 100, threads: 1);
        Assert.Throws<MapFormatException>(() => Toml.WriteToArray(ImmutableMap.Of((1L, (object?)"a"))));
    }

    [Fact]
    public void It_plugs_into_the_facade_and_keeps_the_hash_across_formats()
    {
        var registry = MapFormatRegistry.CreateDefault();
        registry.Register(Toml);
        string toml = Path.Combine(_dir, "run.toml"), yaml = Path.Combine(_dir, "run.yaml");
        MapFile.Save(GoldenMap, toml, registry);
        MapFile.Save(MapFile.Load(toml, registry), yaml, registry);
        Assert.Equal(GoldenMap.ContentHash, MapFile.Load(yaml, registry).ContentHash);
        var e = Assert.Throws<MapFormatException>(() => MapFile.Save(ImmutableMap.Of(("a", (object?)null)), toml, registry));
        Assert.Equal($"{toml}: toml: at a: TOML has no null", e.Message);
    }

    private static readonly Dictionary<string, (Func<byte[]> Input, string Expected)> Hostile = new()
    {
        ["duplicate key"] = (() => Utf8("a = 1\nb = 2\na = 3\n"), "<input>:3:1: toml: The key `a` is already defined at (1,1) with `a = 1` and cannot be redefined"),
        ["table defined twice"] = (() => Utf8("[a]\nx = 1\n[a]\ny = 2\n"), "toml: The key `a` is already defined"),
        ["inline table extended"] = (() => Utf8("a = {b = 1}\n[a.c]\n"), "toml: The key `a` is already defined"),
        ["100k nested arrays"] = (() => Utf8("a = " + new string('[', 100_000)), "<input>:1:68: toml: nesting is deeper than the limit of 64"),
        ["100k nested inline tables"] = (() => Utf8("a = " + string.Concat(Enumerable.Repeat("{b=", 100_000))), "toml: nesting is deeper than the limit of 64"),
        ["invalid UTF-8"] = (() => [.. Utf8("a = \""), 0xff, .. Utf8("\"\n")], "<input>: byte 5: toml: the input is not valid UTF-8"),
        ["date has no model value"] = (() => Utf8("when = 1979-05-27T07:32:00Z\n"), "<input>:1:8: toml: at when: TOML dates and times have no equivalent in the data model"),
        ["integer overflow"] = (() => Utf8("a = 9223372036854775808\n"), "toml:"),
        ["unterminated string"] = (() => Utf8("a = \"open\n"), "toml:"),
        ["truncated"] = (() => Utf8("a = [1, 2"), "toml:"),
        ["missing value"] = (() => Utf8("a =\n"), "toml:"),
        ["bare garbage"] = (() => Utf8("= = =\n"), "toml:"),
        ["lone surrogate escape"] = (() => Utf8("a = \"\\uD800\"\n"), "toml:"),
        ["control character"] = (() => Utf8("a = \"\u0001\"\n"), "toml:"),
    };

    public static TheoryData<string> HostileNames() => new(Hostile.Keys);

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Hostile_input_ends_in_MapFormatException_quickly_on_a_small_stack(string name)
    {
        var (input, expected) = Hostile[name];
        byte[] bytes = input();
        MapFormatException? error = null;
        SmallStack.Run(() => error = Assert.Throws<MapFormatException>(() => Toml.Read(bytes)));
        Assert.Contains(expected, error!.Message);
        Assert.Equal("toml", error.Format);
        Assert.IsType<Tomlyn.TomlException>(error.InnerException);
        Assert.True(error.Line is not null || error.ByteOffset is not null, "no position: " + error.Message);
    }

    [Fact]
    public void A_format_written_outside_the_library_reads_memory_through_the_interface_default()
    {
        IMapFormat format = Toml;
        Assert.Equal(GoldenMap, format.Read(Utf8(Golden).AsMemory()));
        Assert.Equal(GoldenMap, format.Parse(Golden));
    }

    [Fact]
    public void There_are_at_least_12_hostile_inputs()
    {
        Assert.True(Hostile.Count >= 12);
    }
}
