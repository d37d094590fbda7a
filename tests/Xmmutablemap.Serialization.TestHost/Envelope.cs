using ProtoBuf;

namespace Xmmutablemap.Serialization.TestHost;

/// <summary>A user's contract holding a map, never registered anywhere.</summary>
[ProtoContract]
public sealed class Envelope
{
    [ProtoMember(1)] public string Id { get; set; } = "";
    [ProtoMember(2)] public ImmutableMap<string, object?> Config { get; set; } = ImmutableMap<string, object?>.Empty;
}
