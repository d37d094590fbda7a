using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using MessagePack;
using Xmmutablemap.Serialization;
using YamlDotNet.RepresentationModel;

namespace Xmmutablemap.LargeFiles;

/// <summary>Each way of loading a large file: Xmmutablemap's, and each format library's own untyped tree.</summary>
internal static class Readers
{
    /// <summary>Reader name and file, in the order of the table; each library's peer follows our reader.</summary>
    public static readonly (string Reader, string File)[] Cases =
    [
        ("Xmmutablemap MapFile.Load", "config.json"),
        ("System.Text.Json JsonDocument.Parse", "config.json"),
        ("System.Text.Json JsonNode.Parse", "config.json"),
        ("Xmmutablemap MapFile.Load", "config.yaml"),
        ("YamlDotNet YamlStream.Load", "config.yaml"),
        ("Xmmutablemap MapFile.Load", "config.msgpack"),
        ("MessagePack-CSharp Deserialize<object>", "config.msgpack"),
        ("Xmmutablemap MapFile.Load", "config.pb"),
        ("Google.Protobuf Struct.Parser.ParseFrom", "config.struct.pb"),
    ];

    public static object Load(string reader, string file)
    {
        using var stream = File.OpenRead(file);
        switch (reader)
        {
            case "Xmmutablemap MapFile.Load":
                stream.Dispose();
                return MapFile.Load(file, limits: Documents.DocumentLimits.Default);
            case "System.Text.Json JsonDocument.Parse":
                return JsonDocument.Parse(stream);
            case "System.Text.Json JsonNode.Parse":
                return JsonNode.Parse(stream)!;
            case "YamlDotNet YamlStream.Load":
                var yaml = new YamlStream();
                using (var text = new StreamReader(stream)) yaml.Load(text);
                return yaml;
            case "MessagePack-CSharp Deserialize<object>":
                return MessagePackSerializer.Deserialize<object>(stream)!;
            case "Google.Protobuf Struct.Parser.ParseFrom":
                return Struct.Parser.ParseFrom(stream);
            default:
                throw new ArgumentException($"unknown reader {reader}", nameof(reader));
        }
    }
}
