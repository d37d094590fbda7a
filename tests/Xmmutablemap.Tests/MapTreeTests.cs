using System.Collections.Immutable;

namespace Xmmutablemap.Tests;

public class MapTreeTests
{
    private static readonly ImmutableMap<string, object?> Before = ImmutableMap.FreezeMap(new Dictionary<string, object?>
    {
        ["model"] = new Dictionary<string, object?> { ["dropout"] = 0.1, ["layers"] = new List<object?> { 64, 32 } },
        ["optimizer"] = new Dictionary<string, object?> { ["lr"] = 0.001, ["name"] = "adam" },
        ["labels"] = new Dictionary<string, object?> { ["a.b"] = 1 },
        ["empty"] = new List<object?>(),
    });

    private static readonly ImmutableMap<string, object?> After = ImmutableMap.FreezeMap(new Dictionary<string, object?>
    {
        ["model"] = new Dictionary<string, object?> { ["layers"] = new List<object?> { 64, 32, 16 } },
        ["optimizer"] = new Dictionary<string, object?> { ["lr"] = 0.0003, ["name"] = "adam" },
        ["data"] = new Dictionary<string, object?> { ["shuffle"] = true },
        ["labels"] = new Dictionary<string, object?> { ["a.b"] = 1.0 },
        ["empty"] = new List<object?>(),
    });

    [Fact]
    public void Leaves_have_dotted_and_indexed_paths_in_canonical_order()
    {
        Assert.Equal(
            ["empty: []", "labels[\"a.b\"]: 1", "model.dropout: 0.1", "model.layers[0]: 64", "model.layers[1]: 32", "optimizer.lr: 0.001", "optimizer.name: \"adam\""],
            MapTree.Leaves(Before).Select(l => l.ToString()));
    }

    [Fact]
    public void Diff_lists_added_removed_and_changed_leaves()
    {
        Assert.Equal(
            ["+ data.shuffle: true", "~ labels[\"a.b\"]: 1 -> 1.0", "- model.dropout: 0.1", "+ model.layers[2]: 16", "~ optimizer.lr: 0.001 -> 0.0003"],
            MapTree.Diff(Before, After).Select(c => c.ToString()));
        Assert.Empty(MapTree.Diff(Before, Before));
        var change = MapTree.Diff(Before, After).Single(c => c.Kind == LeafChangeKind.Changed && c.Path == "optimizer.lr");
        Assert.Equal(0.001, change.OldValue);
        Assert.Equal(0.0003, change.NewValue);
    }

    [Fact]
    public void MapLeaves_keeps_the_shape()
    {
        var doubled = MapTree.MapLeaves(Before, (path, leaf) => leaf is double d ? d * 2 : leaf);
        Assert.Equal(0.2, ((IImmutableMap)doubled["model"]!).GetValue(0));
        Assert.Equal(MapTree.Leaves(Before).Select(l => l.Path), MapTree.Leaves(doubled).Select(l => l.Path));
        var paths = MapTree.MapLeaves(ImmutableMap.Of(("a", (object?)ImmutableArray.Create<object?>(1))), (path, leaf) => path);
        Assert.Equal("ImmutableMap({\"a\": [\"a[0]\"]})", paths.ToString());
    }

    [Fact]
    public void MapLeaves_keeps_every_key_exactly_including_unsigned_keys_above_the_long_range()
    {
        var inner = ImmutableMap.Of((ulong.MaxValue, (object?)"max"), (1UL, "one"));
        var map = ImmutableMap.Of(("ids", (object?)inner));
        var same = MapTree.MapLeaves(map, (path, leaf) => leaf);
        var nested = Assert.IsType<ImmutableMap<ulong, object?>>(same["ids"]);
        Assert.Equal(new[] { 1UL, ulong.MaxValue }, nested.Keys.ToArray());
        Assert.Equal(map.ContentHash, same.ContentHash);
        Assert.Equal("ImmutableMap({\"ids\": ImmutableMap({1: \"one\", 18446744073709551615: \"max\"})})", same.ToString());
    }
}
