using ProtoBuf;
using ProtoBuf.Serializers;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization.Protobuf;

/// <summary>
/// The protobuf-net serializer for <c>ImmutableMap&lt;string, object?&gt;</c> as a <c>xmmutablemap.v1.Map</c>
/// message, so the map can be a member of any <c>[ProtoContract]</c> type. Register it with
/// <see cref="ProtobufModelExtensions.AddImmutableMaps"/>.
/// </summary>
public sealed class ImmutableMapProtoSerializer : ISerializer<ImmutableMap<string, object?>>
{
    /// <summary>A Map is a length-delimited message.</summary>
    public SerializerFeatures Features => SerializerFeatures.CategoryMessage | SerializerFeatures.WireTypeString;

    /// <summary>Reads the entries (field 1) of one Map message; duplicate keys and every malformed Entry are a <see cref="ProtoException"/>.</summary>
    public ImmutableMap<string, object?> Read(ref ProtoReader.State state, ImmutableMap<string, object?> value)
    {
        var map = new ModelMapBuilder();
        int field;
        while ((field = state.ReadFieldHeader()) > 0)
        {
            if (field != 1)
            {
                state.SkipField();
                continue;
            }
            if (state.WireType != WireType.String) throw new ProtoException($"Map.entries has wire type {state.WireType}, not String.");
            // An embedded message is length-delimited bytes on the wire: take them whole and read them with full checks.
            long offset = state.GetPosition();
            byte[] entry = state.AppendBytes((byte[])null!);
            try
            {
                ProtobufMapReader.ReadEntryInto(entry, map, MapReaderOptions.Default, offset);
            }
            catch (DocumentError e)
            {
                throw ProtobufMapFormat.ToNative(e);
            }
        }
        try
        {
            return ProtobufMapReader.BuildMap(map) as ImmutableMap<string, object?> ?? throw new ProtoException("An ImmutableMap<string, object?> member holds a map with integer keys.");
        }
        catch (DocumentError e)
        {
            throw ProtobufMapFormat.ToNative(e);
        }
    }

    /// <summary>Writes the entries in canonical key order.</summary>
    public void Write(ref ProtoWriter.State state, ImmutableMap<string, object?> value)
    {
        foreach (var (key, item) in value)
        {
            byte[] entry;
            try
            {
                entry = ProtobufMapWriter.WriteEntry(key, item);
            }
            catch (DocumentError e)
            {
                throw ProtobufMapFormat.ToNative(e);
            }
            state.WriteFieldHeader(1, WireType.String);
            state.WriteBytes(entry);
        }
    }
}
