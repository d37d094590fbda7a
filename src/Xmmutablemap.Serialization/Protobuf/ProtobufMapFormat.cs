using ProtoBuf;
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
    public ImmutableMap<string, object?> Read(Stream input, MapReaderOptions? options = null)
    {
        var bytes = StreamBytes.ReadAll(input);
        try
        {
            return ProtobufMapReader.ReadDocument(bytes, options ?? MapReaderOptions.Default);
        }
        catch (DocumentError e)
        {
            throw e.ToFacade(Name, ToNative(e));
        }
    }

    /// <inheritdoc/>
    public void Write(IImmutableMap map, Stream output)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(output);
        if (map.Count > 0 && map.GetKey(0) is not string) throw new MapFormatException(Name, "the top level must be a map with string keys");
        byte[] bytes;
        try
        {
            bytes = ProtobufMapWriter.WriteDocument(map);
        }
        catch (DocumentError e)
        {
            throw e.ToFacade(Name, ToNative(e));
        }
        output.Write(bytes);
    }

    /// <summary>The funnel: every failure becomes a protobuf-net <see cref="ProtoException"/> naming path and byte offset.</summary>
    internal static ProtoException ToNative(DocumentError e) => new(e.Describe(), e);
}
