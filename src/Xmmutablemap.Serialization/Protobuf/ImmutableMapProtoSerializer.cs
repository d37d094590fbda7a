using ProtoBuf;
using ProtoBuf.Serializers;
using Xmmutablemap.Documents;

namespace Xmmutablemap.Serialization.Protobuf;

/// <summary>
/// The protobuf-net serializer for an <see cref="ImmutableMap{TKey, TValue}"/> as a <c>xmmutablemap.v1.Map</c>
/// message, so the map can be a member of any <c>[ProtoContract]</c> type. Register it with
/// <see cref="RuntimeTypeModelExtensions.AddImmutableMaps"/> or <see cref="RuntimeTypeModelExtensions.AddImmutableMap{TKey, TValue}"/>;
/// it applies the limits given there.
/// </summary>
/// <typeparam name="TKey">String or an integer type.</typeparam>
/// <typeparam name="TValue"><c>object</c> for model values, or a model type such as <c>double</c>, <c>long</c>, <c>string</c>.</typeparam>
public sealed class ImmutableMapProtoSerializer<TKey, TValue> : ISerializer<ImmutableMap<TKey, TValue>>
    where TKey : notnull
{
    /// <summary>A Map is a length-delimited message.</summary>
    public SerializerFeatures Features => SerializerFeatures.CategoryMessage | SerializerFeatures.WireTypeString;

    /// <summary>Reads the entries (field 1) of one Map message; duplicate keys, malformed entries and values
    /// that do not fit <typeparamref name="TValue"/> are a <see cref="ProtoException"/>.</summary>
    public ImmutableMap<TKey, TValue> Read(ref ProtoReader.State state, ImmutableMap<TKey, TValue> value)
    {
        var limits = RuntimeTypeModelExtensions.LimitsOf(state.Context.Model);
        var path = new DocumentPath();
        var entries = DocumentMapBuilder.Rent();
        try
        {
            int field;
            while ((field = state.ReadFieldHeader()) > 0)
            {
                if (field != 1)
                {
                    state.SkipField();
                    continue;
                }
                if (state.WireType != WireType.String) throw new DocumentException($"Map.entries has wire type {state.WireType}, not String", "");
                // An embedded message is length-delimited bytes on the wire: take them whole and read them with full checks.
                long offset = state.GetPosition();
                byte[] entry = state.AppendBytes((byte[])null!);
                ProtobufMapReader.ReadEntryInto(entry, entries, path, limits, offset);
            }
            var read = (IImmutableMap)entries.ToMap(path);
            if (read is ImmutableMap<TKey, TValue> same) return same;
            var typed = new DocumentMapBuilder<TKey, TValue>();
            for (int i = 0; i < read.Count; i++)
            {
                object key = read.GetKey(i);
                path.PushKey(key);
                var typedValue = ModelConversions.Convert<TValue>(read.GetValue(i), path);
                path.Pop();
                typed.Add(ModelConversions.Convert<TKey>(key, path), typedValue);
            }
            return typed.ToImmutable(path);
        }
        catch (DocumentException e)
        {
            throw ProtobufMapFormat.ToNative(e);
        }
    }

    /// <summary>Writes the entries in canonical key order.</summary>
    public void Write(ref ProtoWriter.State state, ImmutableMap<TKey, TValue> value)
    {
        var limits = RuntimeTypeModelExtensions.LimitsOf(state.Context.Model);
        foreach (var (key, item) in value)
        {
            byte[] entry;
            try
            {
                entry = ProtobufMapWriter.WriteEntry(key, item, limits);
            }
            catch (DocumentException e)
            {
                throw ProtobufMapFormat.ToNative(e);
            }
            state.WriteFieldHeader(1, WireType.String);
            state.WriteBytes(entry);
        }
    }
}
