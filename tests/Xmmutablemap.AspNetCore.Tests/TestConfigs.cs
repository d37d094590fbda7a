using System.Collections.Immutable;
using Xmmutablemap.Serialization;
using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Protobuf;
using Xmmutablemap.Serialization.Yaml;

namespace Xmmutablemap.AspNetCore.Tests;

/// <summary>The configs the HTTP tests send, and their hashes as golden values (examples/hashes.txt).</summary>
internal static class TestConfigs
{
    public const string TrainHash = "sha256:894bd1b4984d635751d8b96f0de852f816d12b1d3aa97e780423762500c294a3";

    public static readonly ImmutableMap<string, object?> Train = MapFile.Load(Path.Combine(AppContext.BaseDirectory, "examples", "train.yaml"));

    /// <summary>JSON cannot carry NaN; YAML, MessagePack and protobuf can.</summary>
    public static readonly ImmutableMap<string, object?> WithNaN = ImmutableMap.Of<string, object?>(("loss_scale", double.NaN), ("name", "nan"));

    /// <summary>JSON cannot carry bytes.</summary>
    public static readonly ImmutableMap<string, object?> WithBytes = ImmutableMap.Of<string, object?>(("blob", ImmutableArray.Create<byte>(0, 1, 255)));

    public static readonly IMapFormat[] Formats = [JsonMapFormat.Instance, YamlMapFormat.Instance, MessagePackMapFormat.Instance, ProtobufMapFormat.Instance];

    public static readonly string[] MediaTypes = [MapMediaTypes.Json, MapMediaTypes.Yaml, MapMediaTypes.MessagePack, MapMediaTypes.Protobuf];
}
