using CsCheck;
using Xmmutablemap.Internal;

namespace Xmmutablemap.Tests;

/// <summary>The specialized string indexes: every key is found, no other string is, whichever index and hash a map gets.</summary>
public class KeyIndexTests
{
    private static void AssertFindsExactly(ImmutableMap<string, int> map, IEnumerable<string> keys, IEnumerable<string> absent)
    {
        foreach (var key in keys)
        {
            Assert.True(map.TryGetValue(new string(key.AsSpan()), out int value), key);
            Assert.Equal(key, map.Keys[value]);
        }
        foreach (var key in absent) Assert.False(map.ContainsKey(key), key);
    }

    private static ImmutableMap<string, int> Indexed(IEnumerable<string> keys)
    {
        var sorted = keys.Distinct().Order(CanonicalStringComparer.Instance).ToArray();
        return sorted.Select((k, i) => KeyValuePair.Create(k, i)).ToImmutableMap();
    }

    [Fact]
    public void Small_maps_use_length_buckets()
    {
        var keys = new[] { "lr", "seed", "model", "optimizer", "", "a" };
        var map = Indexed(keys);
        Assert.IsType<StringLengthBucketIndex>(map.Lookup);
        AssertFindsExactly(map, keys, ["l", "lr ", "Seed", "models", "b", "optimizeR"]);
    }

    [Fact]
    public void Many_keys_of_one_length_use_the_sampled_hash()
    {
        var keys = Enumerable.Range(0, 500).Select(i => $"k{i:D5}").ToArray();
        var map = Indexed(keys);
        var index = Assert.IsAssignableFrom<StringHashIndex>(map.Lookup);
        Assert.Equal("Sampled", index.HashName);
        AssertFindsExactly(map, keys, ["k00500", "k0000", "k000000", "x00001"]);
    }

    [Fact]
    public void Keys_that_differ_only_in_the_middle_fall_back_to_the_full_hash()
    {
        // Same length, same first and last four chars: every key has the same sampled hash.
        var keys = Enumerable.Range(0, 300).Select(i => $"layer_{i:D4}_units").ToArray();
        var map = Indexed(keys);
        var index = Assert.IsAssignableFrom<StringHashIndex>(map.Lookup);
        Assert.Equal("Full", index.HashName);
        AssertFindsExactly(map, keys, ["layer_0300_units", "layer_0000_unitz"]);
    }

    [Fact]
    public void Random_key_sets_are_found_exactly()
    {
        Gen.Select(Gen.String[Gen.Char["abc_xyz\u00e9"], 0, 12].Array[0, 200], Gen.String[Gen.Char["abc_"], 0, 12].Array[0, 20])
            .Sample((keys, probes) =>
            {
                var map = Indexed(keys);
                AssertFindsExactly(map, keys, probes.Where(p => !keys.Contains(p)));
            }, iter: 200);
    }
}
