using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Xmmutablemap.Tests;

public class FreezeTests
{
    [Fact]
    public void Freeze_turns_mutable_graphs_into_model_values()
    {
        var source = new Dictionary<string, object?>
        {
            ["layers"] = new List<int> { 64, 32 },
            ["blob"] = new byte[] { 1, 2 },
            ["ratio"] = 0.5f,
            ["count"] = (short)3,
            ["huge"] = ulong.MaxValue,
            ["by_id"] = new Dictionary<int, string> { [2] = "b", [1] = "a" },
            ["nested"] = new Dictionary<string, object?> { ["ok"] = true, ["none"] = null },
        };
        var frozen = ImmutableMap.FreezeMap(source);
        Assert.Equal(
            "ImmutableMap({\"blob\": bytes(0102), \"by_id\": ImmutableMap({1: \"a\", 2: \"b\"}), \"count\": 3, \"huge\": 18446744073709551615, " +
            "\"layers\": [64, 32], \"nested\": ImmutableMap({\"none\": null, \"ok\": true}), \"ratio\": 0.5})",
            frozen.ToString());
        Assert.IsType<long>(frozen["count"]);
        Assert.IsType<ulong>(frozen["huge"]);
        Assert.IsType<double>(frozen["ratio"]);
        Assert.IsType<ImmutableArray<object?>>(frozen["layers"]);
        Assert.IsType<ImmutableMap<long, object?>>(frozen["by_id"]);
        source["layers"] = null;
        Assert.Equal("[64, 32]", ModelValue.Format(frozen["layers"]));
    }

    [Fact]
    public void Freeze_reads_JsonElement_keeping_integers_and_floats_apart()
    {
        using var doc = JsonDocument.Parse("""{"lr": 3e-4, "epochs": 10, "one": 1.0, "big": 18446744073709551615, "tags": ["a", null], "m": {}}""");
        var frozen = ImmutableMap.FreezeMap(doc.RootElement);
        Assert.Equal("ImmutableMap({\"big\": 18446744073709551615, \"epochs\": 10, \"lr\": 0.0003, \"m\": ImmutableMap({}), \"one\": 1.0, \"tags\": [\"a\", null]})", frozen.ToString());
        Assert.IsType<long>(frozen["epochs"]);
        Assert.IsType<double>(frozen["one"]);
    }

    [Fact]
    public void Freeze_reads_JsonNode()
    {
        var node = JsonNode.Parse("""{"a": [1, 2.5, "x"], "b": {"c": false}}""")!;
        Assert.Equal("ImmutableMap({\"a\": [1, 2.5, \"x\"], \"b\": ImmutableMap({\"c\": false})})", ImmutableMap.Freeze(node)!.ToString());
    }

    [Fact]
    public void Freeze_rejects_values_without_a_model_equivalent_naming_the_path()
    {
        var e = Assert.Throws<NotSupportedException>(() => ImmutableMap.Freeze(new Dictionary<string, object?> { ["a"] = new List<object?> { 1, new object() } }));
        Assert.Contains("'a[1]'", e.Message);
        Assert.Contains("System.Object", e.Message);
        Assert.Throws<NotSupportedException>(() => ImmutableMap.Freeze(JsonDocument.Parse("""{"x": 1e400}""").RootElement));
        Assert.Throws<NotSupportedException>(() => ImmutableMap.Freeze(JsonDocument.Parse("""{"x": 1, "x": 2}""").RootElement));
        Assert.Throws<NotSupportedException>(() => ImmutableMap.FreezeMap(new List<int>()));
    }

    [Fact]
    public void Freeze_stops_on_a_cyclic_graph()
    {
        var list = new List<object?>();
        list.Add(list);
        var e = Assert.Throws<NotSupportedException>(() => ImmutableMap.Freeze(list));
        Assert.Contains("deeper than", e.Message);
    }
}
