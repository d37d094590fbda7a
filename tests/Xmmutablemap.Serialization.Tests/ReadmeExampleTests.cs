using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Protobuf;

namespace Xmmutablemap.Serialization.Tests;

/// <summary>The README's format example, as written there, with its stated results checked.</summary>
public sealed class ReadmeExampleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xmm-readme-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Load_read_hash_and_send_as_in_the_readme()
    {
        ImmutableMap<string, object?> config = MapFile.Load(Path.Combine(AppContext.BaseDirectory, "examples", "train.yaml"));
        var optimizer = (ImmutableMap<string, object?>)config["optimizer"]!;
        double lr = (double)optimizer["lr"]!;
        long seed = (long)config["seed"]!;
        Assert.Equal(0.0003, lr);
        Assert.Equal(1234, seed);
        Assert.StartsWith("sha256:894bd1b4", config.ContentHash.ToString());

        byte[] msgpack = MessagePackMapFormat.Instance.WriteToArray(config);
        Assert.Equal(config.ToCanonicalBytes(), msgpack);
        byte[] protobuf = ProtobufMapFormat.Instance.WriteToArray(config);
        var received = ProtobufMapFormat.Instance.Read(protobuf);
        Assert.True(received.ContentHash == config.ContentHash);

        string json = Path.Combine(_dir, "train.json");
        MapFile.Save(config, json);
        Assert.Equal(config, MapFile.Load(json));

        // No Stream needed: strings and spans (text formats), memory and pipe sequences, buffer writers.
        var parsed = Xmmutablemap.Serialization.Yaml.YamlMapFormat.Instance.Parse("optimizer:\n  lr: 0.001\n");
        string text = Xmmutablemap.Serialization.Json.JsonMapFormat.Instance.WriteToString(parsed);
        Assert.Equal("{\n  \"optimizer\": {\n    \"lr\": 0.001\n  }\n}\n", text);
    }
}
