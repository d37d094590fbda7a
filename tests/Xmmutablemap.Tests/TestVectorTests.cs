using System.Text.Json;
using Xmmutablemap.Testing;

namespace Xmmutablemap.Tests;

/// <summary>The vectors in schemas/test-vectors.json were produced by schemas/reference/canonical.py, an
/// implementation written from the spec alone; this checks the C# implementation against them.</summary>
public class TestVectorTests
{
    private static readonly JsonDocument Vectors = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "test-vectors.json")));

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var v in Vectors.RootElement.GetProperty("vectors").EnumerateArray()) data.Add(v.GetProperty("name").GetString()!);
        return data;
    }

    private static JsonElement Find(string name) =>
        Vectors.RootElement.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    [Fact]
    public void There_are_at_least_40_vectors() => Assert.True(Vectors.RootElement.GetProperty("vectors").GetArrayLength() >= 40);

    [Theory]
    [MemberData(nameof(Names))]
    public void Canonical_bytes_and_hash_match_the_vector(string name)
    {
        var vector = Find(name);
        var map = (IImmutableMap)TypedJson.Read(vector.GetProperty("input"))!;
        Assert.Equal(vector.GetProperty("canonical_hex").GetString(), Convert.ToHexStringLower(CanonicalEncoding.ToArray(map)));
        Assert.Equal(vector.GetProperty("hash").GetString(), map.ContentHash.ToString());
        Assert.Equal(vector.GetProperty("hash").GetString(), CanonicalEncoding.Hash(map).ToString());
    }
}
