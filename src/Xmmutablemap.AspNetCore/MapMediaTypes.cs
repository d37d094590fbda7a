using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Xmmutablemap.Serialization;
using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Protobuf;
using Xmmutablemap.Serialization.Yaml;

namespace Xmmutablemap.AspNetCore;

/// <summary>
/// The media types of the four formats (DESIGN section 13). Each format has one media type it writes (the first
/// of its list) and several it reads, because clients in the wild send all of them.
/// </summary>
/// <example>
/// <code>
/// MapMediaTypes.TryGetFormat("application/x-yaml; charset=utf-8", out var format);   // YamlMapFormat
/// MapMediaTypes.GetMediaType(MessagePackMapFormat.Instance);                         // "application/msgpack"
/// </code>
/// </example>
public static class MapMediaTypes
{
    /// <summary><c>application/json</c>.</summary>
    public const string Json = "application/json";

    /// <summary><c>application/yaml</c> (RFC 9512).</summary>
    public const string Yaml = "application/yaml";

    /// <summary><c>application/msgpack</c>.</summary>
    public const string MessagePack = "application/msgpack";

    /// <summary><c>application/x-protobuf</c>: the bytes of <c>schemas/xmmutablemap.proto</c>'s message.</summary>
    public const string Protobuf = "application/x-protobuf";

    /// <summary>Every media type read, per format, the written one first; formats in the order a wildcard
    /// <c>Accept</c> prefers them (JSON first).</summary>
    public static IReadOnlyList<(IMapFormat Format, IReadOnlyList<string> MediaTypes)> All { get; } =
    [
        (JsonMapFormat.Instance, [Json]),
        (YamlMapFormat.Instance, [Yaml, "application/x-yaml", "text/yaml"]),
        (MessagePackMapFormat.Instance, [MessagePack, "application/vnd.msgpack", "application/x-msgpack"]),
        (ProtobufMapFormat.Instance, [Protobuf, "application/protobuf", "application/vnd.google.protobuf"]),
    ];

    /// <summary>Every media type read, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Readable { get; } = All.SelectMany(f => f.MediaTypes).ToArray();

    /// <summary>The media type written for <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentException">The format is not one of the four.</exception>
    public static string GetMediaType(IMapFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        foreach (var (known, mediaTypes) in All)
        {
            if (ReferenceEquals(known, format) || known.Name == format.Name) return mediaTypes[0];
        }
        throw new ArgumentException($"The format '{format.Name}' has no media type; known formats: json, yaml, msgpack, protobuf.", nameof(format));
    }

    /// <summary>The format of a <c>Content-Type</c> value (parameters such as <c>charset</c> are ignored).</summary>
    public static bool TryGetFormat(string? contentType, [NotNullWhen(true)] out IMapFormat? format)
    {
        format = null;
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var parsed)) return false;
        StringSegment mediaType = parsed.MediaType;
        foreach (var (known, mediaTypes) in All)
        {
            foreach (string name in mediaTypes)
            {
                if (mediaType.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    format = known;
                    return true;
                }
            }
        }
        return false;
    }
}
