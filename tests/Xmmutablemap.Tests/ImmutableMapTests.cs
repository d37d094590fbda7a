using System.Collections.Immutable;

namespace Xmmutablemap.Tests;

public class ImmutableMapTests
{
    [Fact]
    public void ToString_reads_like_the_python_repr_and_tells_1_and_1point0_and_quoted_1_apart()
    {
        Assert.Equal("ImmutableMap({\"a\": 1, \"b\": 2, \"c\": 3})", ImmutableMap.Of(("a", 1), ("b", 2), ("c", 3)).ToString());
        Assert.Equal("ImmutableMap({\"a\": 1, \"b\": 2.0, \"c\": \"3\"})", ImmutableMap.Of<string, object?>(("a", 1), ("b", 2.0), ("c", "3")).ToString());
    }

    [Fact]
    public void ToString_shows_every_kind()
    {
        var map = ImmutableMap.Of<string, object?>(
            ("n", null), ("t", true), ("big", ulong.MaxValue), ("f", 1e20), ("g", 3e-4), ("nan", double.NaN),
            ("s", "q\"\n"), ("b", ImmutableArray.Create<byte>(1, 255)), ("l", ImmutableArray.Create<object?>(1, "x")),
            ("m", ImmutableMap.Of((2L, "two"), (-1L, "m1"))));
        Assert.Equal(
            "ImmutableMap({\"b\": bytes(01ff), \"big\": 18446744073709551615, \"f\": 1.0e+20, \"g\": 0.0003, \"l\": [1, \"x\"], " +
            "\"m\": ImmutableMap({-1: \"m1\", 2: \"two\"}), \"n\": null, \"nan\": NaN, \"s\": \"q\\\"\\n\", \"t\": true})",
            map.ToString());
    }

    [Fact]
    public void Enumeration_is_in_canonical_order_not_insertion_order()
    {
        var map = ImmutableMap.Of(("zeta", 1), ("alpha", 2), ("\U0001F600", 3), ("\uE000", 4), ("Beta", 5), ("", 6));
        Assert.Equal(["", "Beta", "alpha", "zeta", "\uE000", "\U0001F600"], map.Select(p => p.Key));
        Assert.Equal(["", "Beta", "alpha", "zeta", "\uE000", "\U0001F600"], map.Keys.ToArray());
        Assert.Equal([6, 5, 2, 1, 4, 3], map.Values.ToArray());
    }

    [Fact]
    public void Integer_keys_enumerate_numerically()
    {
        var map = ImmutableMap.Of((10, "a"), (-5, "b"), (2, "c"));
        Assert.Equal([-5, 2, 10], map.Keys.ToArray());
    }

    [Fact]
    public void Indexer_and_lookups()
    {
        var map = ImmutableMap.Of(("a", 1), ("b", 2));
        Assert.Equal(2, map["b"]);
        Assert.True(map.ContainsKey("a"));
        Assert.False(map.ContainsKey("c"));
        Assert.True(map.TryGetValue("a", out var a));
        Assert.Equal(1, a);
        Assert.False(map.TryGetValue("c", out _));
        Assert.Equal(7, map.GetValueOrDefault("c", 7));
        Assert.Equal(1, map.GetValueOrDefault("a", 7));
        Assert.Equal(2, map.Count);
        Assert.False(map.IsEmpty);
        Assert.True(ImmutableMap.Create<string, int>().IsEmpty);
    }

    [Fact]
    public void Missing_key_throws_KeyNotFoundException_naming_the_key()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => ImmutableMap.Of(("a", 1))["learning_rate"]);
        Assert.Equal("The key \"learning_rate\" is not in the map.", e.Message);
    }

    [Fact]
    public void Keys_of_two_kinds_are_refused_with_a_clear_message()
    {
        var e = Assert.Throws<ArgumentException>(() => ImmutableMap.Of<object, int>(("a", 1), (2L, 2)));
        Assert.StartsWith("The keys \"a\" and 2 cannot be in one map: a map's keys are all strings or all integers.", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => ImmutableMap.Of<object, int>((new object(), 1), (new object(), 2)));
        Assert.Contains("cannot be in one map", e2.Message);
        Assert.Equal([1L, 2], ImmutableMap.Of<object, int>((2, 1), (1L, 2)).Keys.Select(k => k).Cast<object>().Select(k => Convert.ToInt64(k)).Order());
    }

    [Fact]
    public void Of_and_Add_reject_duplicate_keys_naming_them()
    {
        var e = Assert.Throws<ArgumentException>(() => ImmutableMap.Of(("a", 1), ("b", 2), ("a", 3)));
        Assert.StartsWith("The key \"a\" appears more than once.", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => ImmutableMap.Of(("a", 1)).Add("a", 2));
        Assert.StartsWith("The key \"a\" is already in the map.", e2.Message);
    }

    [Fact]
    public void CreateRange_ToImmutableMap_and_SetItems_let_the_last_duplicate_win()
    {
        KeyValuePair<string, int>[] pairs = [new("a", 1), new("b", 2), new("a", 3), new("b", 4), new("a", 5)];
        Assert.Equal("ImmutableMap({\"a\": 5, \"b\": 4})", ImmutableMap.CreateRange(pairs).ToString());
        Assert.Equal("ImmutableMap({\"a\": 5, \"b\": 4})", pairs.ToImmutableMap().ToString());
        Assert.Equal("ImmutableMap({\"a\": 5, \"b\": 4, \"c\": 0})", ImmutableMap.Of(("c", 0)).SetItems(pairs).ToString());
    }

    [Fact]
    public void TryCreate_builds_a_map_or_reports_the_second_occurrence_of_a_duplicate()
    {
        Assert.True(ImmutableMap.TryCreate<string, int>(["b", "a", "c"], [2, 1, 3], out var map, out _));
        Assert.Equal("ImmutableMap({\"a\": 1, \"b\": 2, \"c\": 3})", map.ToString());
        Assert.False(ImmutableMap.TryCreate<string, int>(["x", "b", "a", "b", "a"], [0, 1, 2, 3, 4], out var none, out int duplicate));
        Assert.Null(none);
        Assert.Equal(3, duplicate); // "b" again at 3 comes before "a" again at 4
        Assert.Throws<ArgumentException>(() => ImmutableMap.TryCreate<string, int>(["a"], [1, 2], out _, out _));
    }

    [Fact]
    public void Collection_expression_builds_a_map()
    {
        ImmutableMap<string, int> map = [new("b", 2), new("a", 1)];
        Assert.Equal("ImmutableMap({\"a\": 1, \"b\": 2})", map.ToString());
    }

    [Fact]
    public void Dictionary_ToImmutableMap()
    {
        var map = new Dictionary<string, double> { ["lr"] = 0.001, ["momentum"] = 0.9 }.ToImmutableMap();
        Assert.Equal("ImmutableMap({\"lr\": 0.001, \"momentum\": 0.9})", map.ToString());
        Assert.Equal("ImmutableMap({\"x\": 1})", new[] { ("x", 1) }.ToImmutableMap().ToString());
        Assert.Equal("ImmutableMap({\"aa\": 2, \"b\": 1})", new[] { "b", "aa" }.ToImmutableMap(s => s, s => s.Length).ToString());
    }

    [Fact]
    public void Updates_return_new_maps_and_leave_the_original_alone()
    {
        var map = ImmutableMap.Of(("a", 1), ("b", 2));
        var set = map.SetItem("c", 3).SetItem("a", 10);
        var removed = map.Remove("a");
        Assert.Equal("ImmutableMap({\"a\": 1, \"b\": 2})", map.ToString());
        Assert.Equal("ImmutableMap({\"a\": 10, \"b\": 2, \"c\": 3})", set.ToString());
        Assert.Equal("ImmutableMap({\"b\": 2})", removed.ToString());
        Assert.Equal("ImmutableMap({})", map.RemoveRange(["a", "b", "zz"]).ToString());
        Assert.Equal("ImmutableMap({\"a\": 1, \"b\": 2, \"c\": 3})", map.Add("c", 3).ToString());
        Assert.Same(map, map.SetItem("a", 1));
        Assert.Same(map, map.Remove("zz"));
        Assert.True(map.Clear().IsEmpty);
    }

    [Fact]
    public void Union_operator_lets_the_right_side_win_like_python()
    {
        var left = ImmutableMap.Of(("a", 1), ("b", 2));
        var right = ImmutableMap.Of(("b", 20), ("c", 30));
        Assert.Equal("ImmutableMap({\"a\": 1, \"b\": 20, \"c\": 30})", (left | right).ToString());
        Assert.Equal("ImmutableMap({\"a\": 1, \"b\": 2, \"c\": 30})", (right | left).ToString());
        Assert.Equal(left | right, left.Union(right));
    }

    [Fact]
    public void Builder_starts_from_the_map_and_returns_it_when_unchanged()
    {
        var map = ImmutableMap.Of(("a", 1), ("b", 2));
        var builder = map.ToBuilder();
        Assert.Same(map, builder.ToImmutable());
        builder["a"] = 1; // same value: still unchanged
        Assert.Same(map, builder.ToImmutable());
        builder["c"] = 3;
        builder.Remove("a");
        builder.Add("d", 4);
        Assert.Throws<ArgumentException>(() => builder.Add("d", 5));
        var built = builder.ToImmutable();
        Assert.Same(built, builder.ToImmutable());
        Assert.Equal("ImmutableMap({\"b\": 2, \"c\": 3, \"d\": 4})", built.ToString());
        Assert.Equal("ImmutableMap({\"a\": 1, \"b\": 2})", map.ToString());
        Assert.Equal(3, builder.Count);
        Assert.Equal(["b", "c", "d"], builder.Keys);
        builder.Clear();
        Assert.True(builder.ToImmutable().IsEmpty);
        var fresh = ImmutableMap.CreateBuilder<string, int>();
        fresh["x"] = 1;
        Assert.Equal("ImmutableMap({\"x\": 1})", fresh.ToImmutable().ToString());
    }

    [Fact]
    public void Flatten_gives_keys_and_values_in_canonical_order_and_Unflatten_inverts_it()
    {
        var map = ImmutableMap.Of(("b", 2.0), ("a", 1.0));
        var (keys, values) = map.Flatten();
        Assert.Equal(["a", "b"], keys.ToArray());
        Assert.Equal([1.0, 2.0], values.ToArray());
        Assert.Equal(map, ImmutableMap.Unflatten(keys, values));
        Assert.Equal(map, ImmutableMap.Unflatten(keys, values.Select(v => v)));
        Assert.Throws<ArgumentException>(() => ImmutableMap.Unflatten(["a"], new[] { 1, 2 }));
    }

    [Fact]
    public void MapValues_keeps_keys()
    {
        var map = ImmutableMap.Of(("a", 1), ("b", 2));
        Assert.Equal("ImmutableMap({\"a\": 2.0, \"b\": 4.0})", map.MapValues(v => v * 2.0).ToString());
        Assert.Equal("ImmutableMap({\"a\": \"a1\", \"b\": \"b2\"})", map.MapValues((k, v) => k + v).ToString());
    }

    [Fact]
    public void Equality_ignores_insertion_order_and_compares_model_values()
    {
        var a = ImmutableMap.Of<string, object?>(("x", 1), ("y", ImmutableArray.Create<object?>(1, 2)));
        var b = ImmutableMap.Of<string, object?>(("y", ImmutableArray.Create<object?>(1L, 2L)), ("x", 1L));
        var c = ImmutableMap.Of<string, object?>(("x", 1.0), ("y", ImmutableArray.Create<object?>(1, 2)));
        Assert.True(a.Equals(b));
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.False(a.Equals(c));
        Assert.True(a != c);
        Assert.NotEqual(a.ContentHash, c.ContentHash);
    }

    [Fact]
    public void Float_equality_folds_negative_zero_and_NaNs()
    {
        var a = ImmutableMap.Of(("x", 0.0), ("y", double.NaN));
        var b = ImmutableMap.Of(("x", -0.0), ("y", BitConverter.UInt64BitsToDouble(0xfff0000000000001)));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(a.ContentHash, b.ContentHash);
    }

    [Fact]
    public void Maps_with_different_value_types_but_equal_content_are_equal()
    {
        object ints = ImmutableMap.Of(("a", 1), ("b", 2));
        object longs = ImmutableMap.Of(("a", 1L), ("b", 2L));
        Assert.True(ints.Equals(longs));
        Assert.Equal(ints.GetHashCode(), longs.GetHashCode());
        Assert.False(ints.Equals(ImmutableMap.Of(("a", 1.0), ("b", 2.0))));
    }

    [Fact]
    public void ContentEquals_compares_with_any_read_only_dictionary()
    {
        var map = ImmutableMap.Of(("a", 1), ("b", 2));
        Assert.True(map.ContentEquals(new Dictionary<string, int> { ["b"] = 2, ["a"] = 1 }));
        Assert.False(map.ContentEquals(new Dictionary<string, int> { ["b"] = 2, ["a"] = 3 }));
        Assert.False(map.ContentEquals(new Dictionary<string, int> { ["b"] = 2 }));
    }

    [Fact]
    public void The_map_keeps_its_content_when_the_source_is_mutated()
    {
        var array = new[] { KeyValuePair.Create("a", 1), KeyValuePair.Create("b", 2) };
        var dictionary = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 };
        var fromArray = array.ToImmutableMap();
        var fromDictionary = dictionary.ToImmutableMap();
        var fromSpan = ImmutableMap.Create<string, int>(array.AsSpan());
        var hash = fromArray.ContentHash;
        array[0] = KeyValuePair.Create("a", 100);
        dictionary["a"] = 100;
        dictionary["c"] = 3;
        Assert.Equal(1, fromArray["a"]);
        Assert.Equal(1, fromSpan["a"]);
        Assert.Equal(1, fromDictionary["a"]);
        Assert.False(fromDictionary.ContainsKey("c"));
        Assert.Equal(hash, ImmutableMap.Of(("a", 1), ("b", 2)).ContentHash);
    }

    [Fact]
    public void Null_keys_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => ImmutableMap.CreateRange([KeyValuePair.Create<string, int>(null!, 1)]));
        Assert.Throws<ArgumentNullException>(() => ImmutableMap.Of(("a", 1)).SetItem(null!, 1));
    }
}
