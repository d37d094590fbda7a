using System.Collections.Immutable;
using CsCheck;
using Xmmutablemap.Testing;

namespace Xmmutablemap.Tests;

/// <summary>Paths, reading and writing by path, hashing without paths, and deep merge (DESIGN section 11).</summary>
public class PathTests
{
    private static readonly ImmutableMap<string, object?> Config = ImmutableMap.FreezeMap(new Dictionary<string, object?>
    {
        ["optimizer"] = new Dictionary<string, object?> { ["lr"] = 0.001, ["name"] = "adam", ["betas"] = new List<object?> { 0.9, 0.999 } },
        ["model"] = new Dictionary<string, object?> { ["layers"] = new List<object?> { new Dictionary<string, object?> { ["units"] = 64 }, new Dictionary<string, object?> { ["units"] = 32 } } },
        ["labels"] = new Dictionary<string, object?> { ["a.b"] = 1 },
        ["ids"] = new Dictionary<long, object?> { [7] = "seven" },
        ["epochs"] = 10,
        ["seed"] = 1234,
    });

    [Theory]
    [InlineData("optimizer.lr", new object[] { "optimizer", "lr" })]
    [InlineData("model.layers[1].units", new object[] { "model", "layers", 1L, "units" })]
    [InlineData("labels[\"a.b\"]", new object[] { "labels", "a.b" })]
    [InlineData("[3]", new object[] { 3L })]
    [InlineData("ids[-7]", new object[] { "ids", -7L })]
    [InlineData("a[\"x\\\"y\\\\z\\n\"]", new object[] { "a", "x\"y\\z\n" })]
    [InlineData("", new object[0])]
    public void Paths_parse_into_segments_and_format_back_to_the_same_text(string text, object[] expected)
    {
        var segments = ModelPath.Parse(text);
        Assert.Equal(expected, segments.Select(s => s.AsKey()).ToArray());
        Assert.Equal(text, ModelPath.Format(segments));
    }

    [Theory]
    [InlineData("a..b", "Malformed path 'a..b' at column 3: expected a key after '.'.")]
    [InlineData(".a", "Malformed path '.a' at column 1: a path cannot start with '.'.")]
    [InlineData("a[1", "Malformed path 'a[1' at column 4: expected ']'.")]
    [InlineData("a[x]", "Malformed path 'a[x]' at column 3: expected an integer or a quoted key after '['.")]
    [InlineData("a[\"x]", "Malformed path 'a[\"x]' at column 6: the quoted key is not closed.")]
    [InlineData("a b", "Malformed path 'a b' at column 2: unexpected ' '; keys are joined with '.' or written [\"...\"].")]
    [InlineData("2a", "Malformed path '2a' at column 1: the key 2a starts with a digit; write [2a] for a list index or [\"2a\"] for a string key.")]
    public void A_malformed_path_is_an_error_naming_the_column(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => ModelPath.Parse(text)).Message);
    }

    [Fact]
    public void Every_path_the_library_writes_parses_back_to_its_leaf()
    {
        ModelGen.Document.Sample(document =>
        {
            foreach (var leaf in MapTree.Leaves(document))
            {
                if (leaf.Path.Length == 0) continue;
                Assert.Equal(leaf.Path, ModelPath.Format(ModelPath.Parse(leaf.Path)));
                Assert.True(ModelValue.AreEqual(leaf.Value, document.GetPath(leaf.Path)), leaf.Path);
            }
        }, iter: 200);
    }

    [Fact]
    public void Typed_get_converts_only_without_loss()
    {
        Assert.Equal(0.001, Config.GetPath<double>("optimizer.lr"));
        Assert.Equal(64, Config.GetPath<int>("model.layers[0].units"));
        Assert.Equal("seven", Config.GetPath<string>("ids[7]"));
        Assert.Equal(1L, Config.GetPath<long>("labels[\"a.b\"]"));
        Assert.Equal("The value at `optimizer.lr` is the float 0.001, not Int32.", Assert.Throws<InvalidCastException>(() => Config.GetPath<int>("optimizer.lr")).Message);
        Assert.Equal("The value at `epochs` is the integer 10, not Double.", Assert.Throws<InvalidCastException>(() => Config.GetPath<double>("epochs")).Message);
        Assert.Equal("The value at `optimizer.name` is the string \"adam\", not Int64.", Assert.Throws<InvalidCastException>(() => Config.GetPath<long>("optimizer.name")).Message);
        Assert.True(Config.TryGetPath<int>("epochs", out int epochs));
        Assert.Equal(10, epochs);
        Assert.False(Config.TryGetPath<int>("optimizer.lr", out _));
        Assert.False(Config.TryGetPath<int>("nope", out _));
    }

    [Theory]
    [InlineData("optimizer.lrr", "The path `optimizer.lrr` does not exist: `optimizer` has no key \"lrr\" (did you mean `optimizer.lr`?).")]
    [InlineData("optimzer.lr", "The path `optimzer.lr` does not exist: the top level has no key \"optimzer\" (did you mean `optimizer`?).")]
    [InlineData("optimizer.lr.x", "The path `optimizer.lr.x` does not exist: `optimizer.lr` is the float 0.001, not a map or a list.")]
    [InlineData("model.layers[5]", "The path `model.layers[5]` does not exist: `model.layers` is a list of 2, so it has no element 5.")]
    [InlineData("model.layers.units", "The path `model.layers.units` does not exist: `model.layers` is a list, so it has no key \"units\".")]
    [InlineData("zzz", "The path `zzz` does not exist: the top level has no key \"zzz\".")]
    public void A_missing_path_names_the_deepest_existing_part_and_the_nearest_key(string path, string message)
    {
        Assert.Equal(message, Assert.Throws<KeyNotFoundException>(() => Config.GetPath(path)).Message);
    }

    [Fact]
    public void SetPath_rebuilds_only_the_maps_and_lists_along_the_path()
    {
        var updated = Config.SetPath("model.layers[1].units", 16);
        Assert.Equal(16L, updated.GetPath("model.layers[1].units"));
        Assert.Equal(32L, Config.GetPath("model.layers[1].units")); // the input is unchanged
        Assert.Same(Config["optimizer"], updated["optimizer"]);
        Assert.Same(Config["labels"], updated["labels"]);
        var layersBefore = (ImmutableArray<object?>)Config.GetPath("model.layers")!;
        var layersAfter = (ImmutableArray<object?>)updated.GetPath("model.layers")!;
        Assert.Same(layersBefore[0], layersAfter[0]);
        Assert.NotSame(layersBefore[1], layersAfter[1]);
    }

    [Fact]
    public void SetPath_creates_missing_parent_maps_and_freezes_the_value()
    {
        var updated = Config.SetPath("data.augment.flip", new List<object?> { true, 0.5 });
        Assert.Equal("ImmutableMap({\"augment\": ImmutableMap({\"flip\": [true, 0.5]})})", updated["data"]!.ToString());
        _ = updated.ContentHash; // a model value: hashable
        Assert.Equal("The path `model.layers[7].units` does not exist: `model.layers` is a list of 2, so it has no element 7.",
            Assert.Throws<KeyNotFoundException>(() => Config.SetPath("model.layers[7].units", 1)).Message);
    }

    [Fact]
    public void RemovePath_removes_entries_and_list_elements_and_ignores_absent_paths()
    {
        Assert.False(Config.RemovePath("optimizer.lr").ContainsPath("optimizer.lr"));
        Assert.Single((ImmutableArray<object?>)Config.RemovePath("model.layers[0]").GetPath("model.layers")!);
        Assert.Same(Config, Config.RemovePath("no.such.path"));
    }

    private static readonly Gen<(ImmutableMap<string, object?> Map, string Path)> DocumentAndLeaf =
        ModelGen.Document.Where(d => MapTree.Leaves(d).Any(l => l.Path.Length > 0))
            .SelectMany(d => Gen.OneOfConst(MapTree.Leaves(d).Where(l => l.Path.Length > 0).Select(l => l.Path).ToArray()).Select(p => (d, p)));

    [Fact]
    public void SetPath_then_GetPath_returns_the_value()
    {
        Gen.Select(DocumentAndLeaf, ModelGen.Scalar).Sample((c, value) =>
        {
            var updated = c.Map.SetPath(c.Path, value);
            Assert.True(ModelValue.AreEqual(value, updated.GetPath(c.Path)));
        }, iter: 300);
    }

    [Fact]
    public void RemovePath_removes_only_that_leaf()
    {
        DocumentAndLeaf.Where(c => !c.Path.EndsWith(']')).Sample(c =>
        {
            var removed = c.Map.RemovePath(c.Path);
            Assert.False(removed.ContainsPath(c.Path));
            var expected = MapTree.Leaves(c.Map).Where(l => l.Path != c.Path).Select(l => (l.Path, ModelValue.Format(l.Value)));
            var actual = MapTree.Leaves(removed).Select(l => (l.Path, ModelValue.Format(l.Value)));
            // The removed leaf's parent may itself become an empty map: a new leaf in its place.
            Assert.Empty(expected.Except(actual));
            Assert.True(actual.Except(expected).All(extra => c.Path.StartsWith(extra.Path, StringComparison.Ordinal)));
        }, iter: 300);
    }

    [Fact]
    public void Hash_without_paths_equals_the_hash_of_the_map_without_them()
    {
        var expected = ImmutableMap.FreezeMap(new Dictionary<string, object?>
        {
            ["optimizer"] = new Dictionary<string, object?> { ["name"] = "adam", ["betas"] = new List<object?> { 0.9, 0.999 } },
            ["model"] = new Dictionary<string, object?> { ["layers"] = new List<object?> { new Dictionary<string, object?> { ["units"] = 64 }, new Dictionary<string, object?> { ["units"] = 32 } } },
            ["labels"] = new Dictionary<string, object?> { ["a.b"] = 1 },
            ["ids"] = new Dictionary<long, object?> { [7] = "seven" },
            ["epochs"] = 10,
        });
        Assert.Equal(expected.ContentHash, Config.ContentHashExcluding("seed", "optimizer.lr", "not.there"));
        Assert.Equal(Config.ContentHash, Config.ContentHashExcluding());
    }

    // Configs of one shape: the keys m0..m3 always hold maps (of s-keys), the keys s0..s5 never do.
    private static readonly Gen<ImmutableMap<string, object?>> SameShape = Gen.Recursive<ImmutableMap<string, object?>>((depth, self) =>
        Gen.Select(Gen.Int[0, 5].Select(i => "s" + i), ModelGen.Scalar).Array[0, 6]
            .SelectMany(scalars => (depth >= 2 ? Gen.Const(Array.Empty<(string, ImmutableMap<string, object?>)>()) : Gen.Select(Gen.Int[0, 3].Select(i => "m" + i), self).Array[0, 3])
                .Select(maps => scalars.Select(p => KeyValuePair.Create(p.Item1, p.Item2))
                    .Concat(maps.Select(p => KeyValuePair.Create(p.Item1, (object?)p.Item2))).ToImmutableMap())));

    [Fact]
    public void Merge_is_associative_for_configs_of_one_shape_and_a_map_merged_with_itself_is_the_same()
    {
        Gen.Select(SameShape, SameShape, SameShape).Sample((a, b, c) =>
        {
            Assert.Equal(MapTree.Merge(MapTree.Merge(a, b), c), MapTree.Merge(a, MapTree.Merge(b, c)));
            Assert.Equal(MapTree.Merge(a, b, c).ContentHash, MapTree.Merge(a, MapTree.Merge(b, c)).ContentHash);
            Assert.Equal(a, MapTree.Merge(a, a));
        }, iter: 300);
        ModelGen.Document.Sample(a => Assert.Equal(a, MapTree.Merge(a, a)), iter: 200);
    }

    [Fact]
    public void Merge_folds_left_so_a_scalar_between_two_maps_cuts_the_first_one_off()
    {
        // Why merge is not associative in general: "anything but a map replaces" (DESIGN section 11, OmegaConf).
        var a = ImmutableMap.Of<string, object?>(("k", ImmutableMap.Of<string, object?>(("x", 1L))));
        var b = ImmutableMap.Of<string, object?>(("k", 1L));
        var c = ImmutableMap.Of<string, object?>(("k", ImmutableMap.Of<string, object?>(("y", 2L))));
        Assert.Equal("ImmutableMap({\"k\": ImmutableMap({\"y\": 2})})", MapTree.Merge(a, b, c).ToString());
        Assert.Equal("ImmutableMap({\"k\": ImmutableMap({\"x\": 1, \"y\": 2})})", MapTree.Merge(a, MapTree.Merge(b, c)).ToString());
    }

    [Fact]
    public void Merge_merges_maps_key_by_key_and_anything_else_replaces()
    {
        var left = ImmutableMap.Of<string, object?>(("a", ImmutableMap.Of<string, object?>(("x", 1L), ("y", 2L))), ("l", ImmutableArray.Create<object?>(1L, 2L)), ("s", "keep"));
        var right = ImmutableMap.Of<string, object?>(("a", ImmutableMap.Of<string, object?>(("y", 3.0))), ("l", ImmutableArray.Create<object?>(9L)), ("n", null));
        Assert.Equal("ImmutableMap({\"a\": ImmutableMap({\"x\": 1, \"y\": 3.0}), \"l\": [9], \"n\": null, \"s\": \"keep\"})", MapTree.Merge(left, right).ToString());
        Assert.Same(left["s"], MapTree.Merge(left, right)["s"]);
    }

    [Fact]
    public void Strict_merge_refuses_new_keys_and_kind_changes()
    {
        var base_ = ImmutableMap.Of<string, object?>(("optimizer", ImmutableMap.Of<string, object?>(("lr", 0.1), ("steps", 10L))));
        var e = Assert.Throws<ArgumentException>(() => MapTree.Merge(MergeMode.Strict, base_, ImmutableMap.Of<string, object?>(("optimizer", ImmutableMap.Of<string, object?>(("lrr", 0.2))))));
        Assert.Equal("Strict merge: `optimizer.lrr` is not in the base config.", e.Message);
        e = Assert.Throws<ArgumentException>(() => MapTree.Merge(MergeMode.Strict, base_, ImmutableMap.Of<string, object?>(("optimizer", ImmutableMap.Of<string, object?>(("steps", 10.0))))));
        Assert.Equal("Strict merge: `optimizer.steps` changes from an integer to a float.", e.Message);
        Assert.Equal(0.2, MapTree.Merge(MergeMode.Strict, base_, ImmutableMap.Of<string, object?>(("optimizer", ImmutableMap.Of<string, object?>(("lr", 0.2))))).GetPath("optimizer.lr"));
    }

    [Fact]
    public void Composing_a_config_in_different_ways_gives_the_same_hash()
    {
        Gen.Select(ModelGen.Document, Gen.Int[0, 1000]).Sample((document, seed) =>
        {
            var random = new Random(seed);
            // Split the top-level keys between two maps, and rebuild a third by SetPath from empty: same map, same hash.
            var left = document.Where(_ => random.Next(2) == 0).ToImmutableMap();
            var right = document.RemoveRange(left.Keys);
            var bySetPath = ImmutableMap<string, object?>.Empty;
            foreach (var (key, value) in document) bySetPath = bySetPath.SetPath(ModelPath.Key(ModelPath.Root, key), value);
            Assert.Equal(document.ContentHash, MapTree.Merge(left, right).ContentHash);
            Assert.Equal(document.ContentHash, MapTree.Merge(right, left).ContentHash);
            Assert.Equal(document.ContentHash, bySetPath.ContentHash);
        }, iter: 200);
    }
}
