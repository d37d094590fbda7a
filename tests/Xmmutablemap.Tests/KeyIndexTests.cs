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

    /// <summary>A map whose keys have been analysed: looked up past the provisional index's threshold.</summary>
    private static ImmutableMap<string, int> Indexed(IEnumerable<string> keys)
    {
        var map = Fresh(keys);
        Analyse(map);
        return map;
    }

    private static ImmutableMap<string, int> Fresh(IEnumerable<string> keys)
    {
        var sorted = keys.Distinct().Order(CanonicalStringComparer.Instance).ToArray();
        return sorted.Select((k, i) => KeyValuePair.Create(k, i)).ToImmutableMap();
    }

    /// <summary>Looks the map up 32 times per key plus 256 (the provisional index's threshold), plus one.</summary>
    private static void Analyse(ImmutableMap<string, int> map)
    {
        if (map.IsEmpty) return; // the one shared empty map: other tests may have analysed it already
        if (map.Lookup is not ProvisionalStringIndex) return; // a test's own lookups already went past the threshold
        string probe = map.Keys[0];
        for (int i = 0; i < 32 * map.Count + 256 + 1; i++) map.ContainsKey(probe);
        Assert.IsNotType<ProvisionalStringIndex>(map.Lookup);
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
    public void Numbered_keys_hash_the_four_characters_at_their_end()
    {
        var keys = Enumerable.Range(0, 500).Select(i => $"k{i:D5}").ToArray();
        var map = Indexed(keys);
        var index = Assert.IsAssignableFrom<StringHashIndex>(map.Lookup);
        Assert.Equal("Window4FromEnd", index.HashName);
        AssertFindsExactly(map, keys, ["k00500", "k0000", "k000000", "x00001", "k10499"]);
    }

    [Fact]
    public void Keys_that_differ_only_in_the_middle_hash_a_window_there()
    {
        // Same length, same first and last six chars: only the digits in the middle tell them apart.
        var keys = Enumerable.Range(0, 300).Select(i => $"layer_{i:D4}_units").ToArray();
        var map = Indexed(keys);
        var index = Assert.IsAssignableFrom<StringHashIndex>(map.Lookup);
        // Counted from the end, the window five characters in ("299_") is reached first and tells them apart.
        Assert.Equal("Window4FromEnd", index.HashName);
        AssertFindsExactly(map, keys, ["layer_0300_units", "layer_0000_unitz", "layer_0001_Units"]);
    }

    [Fact]
    public void Equal_length_keys_that_differ_in_one_character_hash_a_window_over_that_character()
    {
        // The character is the seventh from the end: the first window of four that covers it, counted from the
        // end, starts three characters in ("a_va"), and is reached before any window from the start covers it.
        var keys = "abcdefghijklmnopqrstuvwxyz".Select(c => $"section.param_{c}_value").Concat(["section.param_A_value"]).ToArray();
        var map = Indexed(keys);
        var index = Assert.IsAssignableFrom<StringHashIndex>(map.Lookup);
        Assert.Equal("Window4FromEnd", index.HashName);
        AssertFindsExactly(map, keys, ["section.param_B_value", "section.param_a_valuE", "section.param_a_value "]);
    }

    [Fact]
    public void Uuid_keys_hash_four_characters_so_absent_uuids_rarely_share_a_hash()
    {
        // One hex digit would tell eight UUIDs apart too, but half of all absent UUIDs would share its hash with
        // a present one and need a compare; four digits cost the same one read.
        var random = new Random(11);
        string Uuid()
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes).ToString();
        }
        var keys = Enumerable.Range(0, 8).Select(_ => Uuid()).ToArray();
        var map = Indexed(keys);
        var index = Assert.IsAssignableFrom<StringHashIndex>(map.Lookup);
        Assert.Equal("Window4", index.HashName);
        AssertFindsExactly(map, keys, Enumerable.Range(0, 50).Select(_ => Uuid()).ToArray());
    }

    [Fact]
    public void Keys_whose_differences_no_window_covers_fall_back_to_the_full_hash()
    {
        // Three digits twenty characters apart: any window of up to 8 characters sees at most one of them, and
        // the middle one is neither in the first four characters nor in the last sixteen.
        string gap = new('_', 20);
        var keys = Enumerable.Range(0, 1000).Select(i => $"{i % 10}{gap}{i / 10 % 10}{gap}{i / 100}").ToArray();
        var map = Indexed(keys);
        var index = Assert.IsAssignableFrom<StringHashIndex>(map.Lookup);
        Assert.Equal("Full", index.HashName);
        AssertFindsExactly(map, keys, [$"0{gap}0{gap}a", $"0{gap}0{gap[1..]}0", "x"]);
    }

    [Fact]
    public void Keys_made_to_collide_on_every_window_still_get_small_buckets()
    {
        // 2,000 keys alike in their first and last 24 characters, differing only in between: every window
        // and both ends see the same characters, so the analysis moves on to hashing whole keys.
        var keys = Enumerable.Range(0, 2000).Select(i => new string('x', 24) + i.ToString("D4") + new string('y', 24)).ToArray();
        var map = Indexed(keys);
        var index = Assert.IsAssignableFrom<StringHashIndex>(map.Lookup);
        Assert.Equal("Full", index.HashName);
        Assert.InRange(index.LargestBucket, 1, 12);
        AssertFindsExactly(map, keys, [new string('x', 24) + "2000" + new string('y', 24)]);
    }

    [Fact]
    public void Random_key_sets_are_found_exactly_before_and_after_the_analysis()
    {
        Gen.Select(Gen.String[Gen.Char["abc_xyz\u00e9"], 0, 12].Array[0, 200], Gen.String[Gen.Char["abc_"], 0, 12].Array[0, 20])
            .Sample((keys, probes) =>
            {
                var map = Fresh(keys);
                if (map.Lookup is ProvisionalStringIndex { Quick: StringHashIndex quick }) Assert.InRange(quick.LargestBucket, 1, 12);
                AssertFindsExactly(map, keys, probes.Where(p => !keys.Contains(p)));
                Analyse(map);
                if (map.Lookup is StringHashIndex index) Assert.InRange(index.LargestBucket, 1, 12);
                AssertFindsExactly(map, keys, probes.Where(p => !keys.Contains(p)));
            }, iter: 200);
    }

    [Fact]
    public void Large_random_key_sets_in_the_bucketed_table_are_found_exactly()
    {
        // Sets past the small-set slot tables, whose keys share buckets. Absent keys differ from a present one
        // in one character, so many share a window, a hash or a bucket with it.
        Gen.Select(Gen.String[Gen.Char["abcdefgh_0123456789"], 1, 24].Array[65, 3000], Gen.Int[0, int.MaxValue])
            .Sample((keys, seed) =>
            {
                var map = Indexed(keys);
                var index = Assert.IsAssignableFrom<StringHashIndex>(map.Lookup);
                Assert.InRange(index.LargestBucket, 1, 12);
                var random = new Random(seed);
                var present = keys.ToHashSet();
                var absent = keys.Select(key =>
                {
                    var chars = key.ToCharArray();
                    chars[random.Next(chars.Length)] = "ABZ~9\u00e9"[random.Next(6)];
                    return new string(chars);
                }).Where(probe => !present.Contains(probe)).ToArray();
                AssertFindsExactly(map, keys, absent);
            }, iter: 40);
    }

    [Fact]
    public void A_map_starts_with_an_index_that_needs_no_analysis_and_swaps_in_the_analysed_one_after_enough_lookups()
    {
        var keys = Enumerable.Range(0, 500).Select(i => $"k{i:D5}").ToArray();
        var map = Fresh(keys);
        var provisional = Assert.IsType<ProvisionalStringIndex>(map.Lookup);
        Assert.Equal("Full", Assert.IsAssignableFrom<StringHashIndex>(provisional.Quick).HashName);
        for (int i = 0; i < 32 * 500 + 256; i++) Assert.True(map.ContainsKey(keys[i % 500]));
        Assert.Same(provisional, map.Lookup); // exactly at the threshold: not yet
        Assert.True(map.TryGetValue("k00007", out int seven));
        Assert.Equal(7, seven);
        var analysed = Assert.IsAssignableFrom<StringHashIndex>(map.Lookup);
        Assert.Equal("Window4FromEnd", analysed.HashName);
        Assert.Same(provisional.Analysed, analysed);
    }

    [Fact]
    public void Threads_looking_up_a_map_while_its_index_is_swapped_all_get_right_answers()
    {
        var keys = Enumerable.Range(0, 500).Select(i => $"param_{i:D3}.value").ToArray();
        var map = Fresh(keys);
        var start = new Barrier(4);
        var wrong = new int[4];
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < 20_000; i++)
            {
                int k = (i * 7 + t) % 500;
                if (!map.TryGetValue(keys[k], out int position) || position != k) wrong[t]++;
                if (map.ContainsKey($"param_{k:D3}.valuE")) wrong[t]++;
            }
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        Assert.Equal([0, 0, 0, 0], wrong);
        Assert.IsNotType<ProvisionalStringIndex>(map.Lookup);
    }

    [Fact]
    public void Maps_that_share_a_key_set_share_the_analysed_index()
    {
        var map = Fresh(["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota"]);
        var other = map.SetItem("beta", 42);  // same keys: shares the provisional index
        Assert.Same(map.Lookup, other.Lookup);
        Analyse(map);
        Assert.IsType<ProvisionalStringIndex>(other.Lookup);
        Assert.True(other.TryGetValue("beta", out int beta)); // past the shared count: other swaps too
        Assert.Equal(42, beta);
        Assert.Same(map.Lookup, other.Lookup);
    }

    [Fact]
    public void Keys_that_differ_from_a_key_in_any_one_character_are_not_found()
    {
        // One key of each length from 0 to 70 (keys up to 48 characters are compared word by word or by vector): changing any one
        // character of any key must make a miss, in the provisional index and the analysed one.
        var keys = Enumerable.Range(0, 71).Select(n => string.Concat(Enumerable.Range(0, n).Select(i => (char)('a' + i % 26)))).ToArray();
        var near = keys.SelectMany(k => Enumerable.Range(0, k.Length).Select(i => string.Create(k.Length, (k, i), (span, state) =>
        {
            state.k.AsSpan().CopyTo(span);
            span[state.i] = (char)(span[state.i] ^ 0x0100); // a different character in the high byte only
        }))).ToArray();
        var map = Fresh(keys);
        AssertFindsExactly(map, keys, near);
        Analyse(map);
        AssertFindsExactly(map, keys, near);
    }

    [Fact]
    public void Small_maps_start_on_length_buckets()
    {
        var map = Fresh(["lr", "seed", "model"]);
        Assert.IsType<StringLengthBucketIndex>(Assert.IsType<ProvisionalStringIndex>(map.Lookup).Quick);
        AssertFindsExactly(map, ["lr", "seed", "model"], ["l", "Seed", "modeL", ""]);
    }

    [Fact]
    public void Same_chars_compares_every_character_of_every_length()
    {
        // The inline compare reads overlapping words and vectors whose offsets depend on the length: for each
        // length from 0 to 80, a copy is equal and a change to any one character (in its low or high byte) is not.
        for (int length = 0; length <= 80; length++)
        {
            string key = string.Concat(Enumerable.Range(0, length).Select(i => (char)('A' + i % 50)));
            Assert.True(StringHashIndex.SameChars(key, new string(key.AsSpan())), $"length {length}");
            for (int i = 0; i < length; i++)
            {
                foreach (int flip in (ReadOnlySpan<int>)[0x0001, 0x0100])
                {
                    var changed = key.ToCharArray();
                    changed[i] = (char)(changed[i] ^ flip);
                    Assert.False(StringHashIndex.SameChars(key, new string(changed)), $"length {length}, char {i}, flip {flip:X4}");
                }
            }
        }
    }

    [Fact]
    public void Keys_of_one_or_two_characters_are_their_own_hash()
    {
        // 'a'..'z' then 'aa'..'cv': the map's keys and, from the same sequence, keys that are not in it.
        var letters = Enumerable.Range(1, 200).Select(Letters).ToArray();
        var keys = letters[..100];
        var map = Indexed(keys);
        var index = Assert.IsAssignableFrom<StringHashIndex>(map.Lookup);
        Assert.Equal("Packed", index.HashName);
        // A one-character key is read with its terminating null: "a\0" must not be taken for "a".
        AssertFindsExactly(map, keys, [.. letters[100..], "a\0", "\0", "\0a", "aaa", "A", "\u0161"]);
    }

    [Fact]
    public void Packed_keys_holding_nulls_are_told_from_shorter_keys()
    {
        string[] keys = ["a", "a\0", "\0", "\0\0", "b", "\0b", "\uffff", "\uffff\uffff"];
        var map = Indexed(keys);
        Assert.Equal("Packed", Assert.IsAssignableFrom<StringHashIndex>(map.Lookup).HashName);
        AssertFindsExactly(map, keys, ["b\0", "\0a", "\uffff\0", "\ufffe", "c"]);
    }

    [Fact]
    public void Random_sets_of_one_and_two_character_keys_are_found_exactly()
    {
        Gen.Select(Gen.String[Gen.Char, 1, 2].Array[1, 300], Gen.String[Gen.Char, 1, 2].Array[0, 40])
            .Sample((keys, probes) =>
            {
                var map = Indexed(keys);
                AssertFindsExactly(map, keys, probes.Where(p => !keys.Contains(p)));
            }, iter: 100);
    }

    [Fact]
    public void Keys_of_mixed_shapes_hash_their_head_and_tail()
    {
        // Config keys of several shapes and lengths from 3 to 38 characters: their differences lie within
        // their last sixteen characters, but no one window holds them all, and "lr7" is too short for the ends.
        static string Mixed(int i) => (i % 5) switch
        {
            0 => $"model.encoder.block{i / 5}.attn",
            1 => $"lr{i / 5}",
            2 => $"data/augment/{i / 5}/p",
            3 => $"optimizer.param_groups.{i / 5}.weight_decay",
            _ => $"w{i / 5}_b",
        };
        var all = Enumerable.Range(0, 400).Select(Mixed).ToArray();
        var keys = all.Where((_, i) => i % 2 == 0).ToArray();
        var map = Indexed(keys);
        var index = Assert.IsAssignableFrom<StringHashIndex>(map.Lookup);
        Assert.Equal("HeadAndTail", index.HashName);
        Assert.InRange(index.LargestBucket, 1, 12);
        AssertFindsExactly(map, keys, [.. all.Where((_, i) => i % 2 == 1), "lr", "lr0 ", "Lr0", "model.encoder.block0.attN"]);
    }

    // 1 -> "a", 26 -> "z", 27 -> "aa" (bijective base 26)
    private static string Letters(int number)
    {
        string text = "";
        while (number > 0)
        {
            number--;
            text = (char)('a' + number % 26) + text;
            number /= 26;
        }
        return text;
    }

    [Fact]
    public void Small_key_sets_get_one_slot_per_key_whatever_the_seed()
    {
        // Whether eight keys land in distinct slots depends on the process's random seed; trying a few bits of
        // the hash per table size makes a slot table (one read, one compare, no loop) near certain for each set.
        string[] sections = ["model", "optimizer", "data", "schedule", "logging", "trainer", "eval", "augment"];
        string[] fields = ["learning_rate", "weight_decay", "batch_size", "num_layers", "hidden_size", "dropout", "warmup_steps", "seed"];
        var random = new Random(7);
        for (int set = 0; set < 200; set++)
        {
            var keys = Enumerable.Range(0, 8).Select(_ => $"{sections[random.Next(8)]}_{fields[random.Next(8)]}_{random.Next(10)}").Distinct().ToArray();
            var map = Indexed(keys);
            Assert.StartsWith("SlotTable", map.Lookup.GetType().Name);
            AssertFindsExactly(map, keys, ["model_seed_10", "optimizer_dropout_"]);
        }
    }

    [Theory]
    [InlineData("layer_{0:D5}", 100)]
    [InlineData("section{1}.param_{0:D2}_917", 300)]
    [InlineData("model.encoder.block{0}.attn", 1024)]
    public void Sets_of_a_few_hundred_keys_get_buckets_of_four(string format, int count)
    {
        var keys = Enumerable.Range(0, count).Select(i => string.Format(format, i, i % 7)).ToArray();
        var map = Indexed(keys);
        Assert.StartsWith("FourWayTable", map.Lookup.GetType().Name);
        Assert.InRange(((StringHashIndex)map.Lookup).LargestBucket, 1, 4);
        AssertFindsExactly(map, keys, [string.Format(format, count, 0), string.Format(format, -1, 1), "layer_0000", "x"]);
    }

    [Fact]
    public void Keys_sharing_a_hash_in_a_bucket_of_four_are_each_found()
    {
        // The last four characters tell 200 keys apart; nine more repeat the end of nine of them, so pairs of
        // keys share a hash and a bucket, and a lookup must pass over the lane of the other key of its pair.
        var keys = Enumerable.Range(0, 200).Select(i => $"k{i:D5}").Concat(Enumerable.Range(1, 9).Select(i => $"a{i:D5}")).ToArray();
        var map = Indexed(keys);
        Assert.StartsWith("FourWayTable", map.Lookup.GetType().Name);
        Assert.Equal("Window4FromEnd", ((StringHashIndex)map.Lookup).HashName);
        AssertFindsExactly(map, keys, ["b00001", "a00010", "a00000", "k00200"]);
    }

    [Fact]
    public void An_empty_lane_of_a_bucket_of_four_holds_a_hash_no_lookup_in_that_bucket_can_have()
    {
        for (int bits = 1; bits <= 10; bits++)
        {
            int mask = (1 << bits) - 1;
            foreach (int rotation in (int[])[0, 11, 22, 5, 16, 27])
            {
                for (int bucket = 0; bucket <= mask; bucket++)
                {
                    Assert.NotEqual(bucket, StringHashIndex.SlotOf(StringHashIndex.EmptyLaneHash(bucket, rotation, mask), rotation, mask));
                }
            }
        }
    }
}
