using ProtoBuf;
using Xmmutablemap.Documents;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization.Protobuf;

/// <summary>The protobuf format: <c>.binpb</c>/<c>.pb</c>, a <c>xmmutablemap.v1.Map</c> message as defined in
/// <c>schemas/xmmutablemap.proto</c>, with entries in canonical key order.</summary>
public sealed class ProtobufMapFormat : IMapFormat
{
    /// <summary>The shared instance.</summary>
    public static ProtobufMapFormat Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "protobuf";

    /// <inheritdoc/>
    public IReadOnlyList<string> Extensions { get; } = [".binpb", ".pb"];

    /// <inheritdoc/>
    public ImmutableMap<string, object?> Read(Stream input, DocumentLimits? limits = null) =>
        FormatFunnel.Read(Name, input, limits, ProtobufMapReader.ReadDocument, ToNative);

    /// <inheritdoc/>
    public ImmutableMap<string, object?> Read(ReadOnlyMemory<byte> input, DocumentLimits? limits = null) =>
        FormatFunnel.Read(Name, input, limits, ProtobufMapReader.ReadDocument, ToNative);

    /// <inheritdoc/>
    public void Write(IImmutableMap map, Stream output, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        FormatFunnel.Write(Name, map, limits, l => output.Write(ProtobufMapWriter.WriteDocument(map, l)), ToNative);
    }

    /// <summary>The funnel: every failure becomes a protobuf-net <see cref="ProtoException"/> naming path and byte offset.</summary>
    internal static ProtoException ToNative(DocumentException e) => new(e.Message, e);
}
