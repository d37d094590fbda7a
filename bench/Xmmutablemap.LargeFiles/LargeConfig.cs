using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Protobuf;
using Xmmutablemap.Serialization.Yaml;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.LargeFiles;

/// <summary>A config shaped like a real one (groups of layers with numbers, strings, flags, lists), scaled up.</summary>
internal static class LargeConfig
{
    public static ImmutableMap<string, object?> Build(int megabytes)
    {
        // About 330 bytes of JSON per layer.
        int layers = megabytes * 1_000_000 / 330;
        var groups = new Dictionary<string, object?>();
        for (int g = 0; g * 1000 < layers; g++)
        {
            var group = new Dictionary<string, object?>();
            for (int i = g * 1000; i < Math.Min(layers, (g + 1) * 1000); i++)
            {
                group[$"layer_{i:D7}"] = new Dictionary<string, object?>
                {
                    ["units"] = 64 + i % 512,
                    ["dropout"] = 0.1 + i * 1e-7,
                    ["activation"] = i % 2 == 0 ? "gelu" : "relu",
                    ["use_bias"] = i % 3 != 0,
                    ["init"] = new Dictionary<string, object?> { ["scale"] = 0.02, ["mode"] = "fan_in" },
                    ["shape"] = new List<object?> { 3, 3, 64 + i % 512 },
                    ["name"] = $"block{i}/conv",
                };
            }
            groups[$"group_{g:D4}"] = group;
        }
        return ImmutableMap.FreezeMap(new Dictionary<string, object?> { ["experiment"] = "large", ["seed"] = 1234, ["groups"] = groups });
    }

    public static IEnumerable<(string Name, byte[] Bytes)> Files(int megabytes)
    {
        var config = Build(megabytes);
        var json = JsonMapFormat.Instance.WriteToArray(config);
        yield return ("config.json", json);
        yield return ("config.yaml", YamlMapFormat.Instance.WriteToArray(config));
        yield return ("config.msgpack", MessagePackMapFormat.Instance.WriteToArray(config));
        yield return ("config.pb", ProtobufMapFormat.Instance.WriteToArray(config));
        // The peer's own schema: the same content as a google.protobuf.Struct.
        yield return ("config.struct.pb", Struct.Parser.ParseJson(System.Text.Encoding.UTF8.GetString(json)).ToByteArray());
    }
}
