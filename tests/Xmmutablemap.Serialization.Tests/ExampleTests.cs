namespace Xmmutablemap.Serialization.Tests;

/// <summary>The example configs load, and their hashes are the ones listed in examples/hashes.txt
/// (computed there by the independent Python implementation of the spec).</summary>
public class ExampleTests
{
    private static string Examples => Path.Combine(AppContext.BaseDirectory, "examples");

    public static TheoryData<string, string> ListedHashes()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(Examples, "hashes.txt")))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var parts = line.Split("  ");
            data.Add(parts[1], parts[0]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ListedHashes))]
    public void Example_has_the_listed_hash(string file, string hash)
    {
        var config = MapFile.Load(Path.Combine(Examples, file));
        Assert.Equal(hash, config.ContentHash.ToString());
    }

    [Fact]
    public void Every_example_is_listed()
    {
        var listed = ListedHashes().Select(row => (string)row[0]).ToHashSet();
        // bad.yaml is the README's example of an error: it has no hash.
        var files = Directory.GetFiles(Examples).Select(Path.GetFileName).Where(f => f is not "hashes.txt" and not "bad.yaml").ToHashSet();
        Assert.Equal(files.Order(), listed.Order());
    }

    [Fact]
    public void The_training_config_reads_with_the_expected_types()
    {
        var config = MapFile.Load(Path.Combine(Examples, "train.yaml"));
        var optimizer = (ImmutableMap<string, object?>)config["optimizer"]!;
        Assert.Equal(3e-4, optimizer["lr"]);
        Assert.Equal(1234L, config["seed"]);
        Assert.Null(((ImmutableMap<string, object?>)config["model"]!)["pretrained_weights"]);
        Assert.Equal(MapFile.Load(Path.Combine(Examples, "train.json")), config);
    }
}
