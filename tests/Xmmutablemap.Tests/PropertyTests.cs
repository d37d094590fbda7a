using System.Security.Cryptography;
using CsCheck;
using Xmmutablemap.Testing;

namespace Xmmutablemap.Tests;

public class PropertyTests
{
    private const int Iterations = 300;

    [Fact]
    public void Insertion_order_never_changes_equality_hashes_enumeration_or_text()
    {
        Gen.Select(ModelGen.Document, Gen.Int).Sample((map, seed) =>
        {
            var shuffled = map.OrderBy(_ => Random.Shared.Next()).ToArray();
            var rebuilt = shuffled.ToImmutableMap();
            Assert.Equal(map, rebuilt);
            Assert.Equal(map.GetHashCode(), rebuilt.GetHashCode());
            Assert.Equal(map.ContentHash, rebuilt.ContentHash);
            Assert.Equal(map.Keys.ToArray(), rebuilt.Keys.ToArray());
            Assert.Equal(map.ToString(), rebuilt.ToString());
        }, iter: Iterations);
    }

    [Fact]
    public void Equals_holds_exactly_when_content_hashes_are_equal()
    {
        // Pairs drawn from a small key and value space so that equal maps actually occur.
        var small = Gen.Select(Gen.OneOfConst("a", "b", "\uE000", "\U0001F600"), Gen.OneOfConst<object?>(1, 1L, 1.0, -0.0, 0.0, 0L, "1", null, double.NaN))
            .Array[0, 4].Select(ps => ps.Select(p => KeyValuePair.Create(p.Item1, p.Item2)).ToImmutableMap());
        Gen.Select(small, small).Sample((a, b) =>
        {
            Assert.Equal(a.ContentHash == b.ContentHash, a.Equals(b));
            if (a.Equals(b)) Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }, iter: 2000);
    }

    [Fact]
    public void Content_hash_is_sha256_of_the_canonical_bytes_for_random_maps()
    {
        ModelGen.Document.Sample(map =>
        {
            Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(map.ToCanonicalBytes())), map.ContentHash.ToString());
        }, iter: Iterations);
    }

    [Fact]
    public void SetItem_Remove_and_union_agree_with_a_Dictionary_model()
    {
        Gen.Select(ModelGen.Pairs, ModelGen.Pairs, Gen.OneOfConst("a", "b", "c", "zz")).Sample((initial, updates, removed) =>
        {
            var map = initial.ToImmutableMap();
            var model = new Dictionary<string, object?>();
            foreach (var (k, v) in initial) model[k] = v;
            Assert.True(map.ContentEquals(model));

            var updated = map;
            foreach (var (k, v) in updates)
            {
                updated = updated.SetItem(k, v);
                model[k] = v;
            }
            Assert.True(updated.ContentEquals(model));
            Assert.Equal(updated, map | updates.ToImmutableMap());

            var without = updated.Remove(removed);
            model.Remove(removed);
            Assert.True(without.ContentEquals(model));
            Assert.Equal(model.Count, without.Count);
            Assert.Equal(model.Keys.Order(Internal.CanonicalStringComparer.Instance), without.Keys.ToArray());
        }, iter: Iterations);
    }

    [Fact]
    public void SetItems_and_RemoveRange_agree_with_a_Dictionary_model()
    {
        Gen.Select(ModelGen.Pairs, ModelGen.Pairs, Gen.OneOfConst("a", "b", "c", "zz", "").Array[0, 4]).Sample((initial, updates, removed) =>
        {
            var map = initial.ToImmutableMap();
            var model = new Dictionary<string, object?>();
            foreach (var (k, v) in initial) model[k] = v;
            foreach (var (k, v) in updates) model[k] = v;
            var updated = map.SetItems(updates);
            Assert.True(updated.ContentEquals(model));
            Assert.Equal(model.Keys.Order(Internal.CanonicalStringComparer.Instance), updated.Keys.ToArray());
            foreach (var k in removed) model.Remove(k);
            var without = updated.RemoveRange(removed);
            Assert.True(without.ContentEquals(model));
            Assert.Equal(model.Keys.Order(Internal.CanonicalStringComparer.Instance), without.Keys.ToArray());
            foreach (var k in model.Keys) Assert.True(without.ContainsKey(k));
        }, iter: Iterations);
    }

    [Fact]
    public void Flatten_Unflatten_round_trips()
    {
        ModelGen.Document.Sample(map =>
        {
            var (keys, values) = map.Flatten();
            var back = ImmutableMap.Unflatten(keys, values);
            Assert.Equal(map, back);
            Assert.Equal(map.ContentHash, back.ContentHash);
        }, iter: Iterations);
    }

    [Fact]
    public void Int_1_equals_long_1_but_not_float_1()
    {
        Gen.Int.Sample(i =>
        {
            var asInt = ImmutableMap.Of(("v", (object?)i));
            var asLong = ImmutableMap.Of(("v", (object?)(long)i));
            var asDouble = ImmutableMap.Of(("v", (object?)(double)i));
            Assert.Equal(asInt, asLong);
            Assert.Equal(asInt.GetHashCode(), asLong.GetHashCode());
            Assert.Equal(asInt.ContentHash, asLong.ContentHash);
            Assert.NotEqual(asInt, asDouble);
            Assert.NotEqual(asInt.ContentHash, asDouble.ContentHash);
        }, iter: Iterations);
    }

    [Fact]
    public void Canonical_string_order_is_utf8_byte_order()
    {
        Gen.Select(ModelGen.Text, ModelGen.Text).Sample((a, b) =>
        {
            int expected = Math.Sign(((ReadOnlySpan<byte>)System.Text.Encoding.UTF8.GetBytes(a)).SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b)));
            Assert.Equal(expected, Math.Sign(Internal.CanonicalStringComparer.Instance.Compare(a, b)));
        }, iter: 2000);
    }
}
