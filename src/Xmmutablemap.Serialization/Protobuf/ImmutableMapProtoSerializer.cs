using System.Globalization;
using ProtoBuf;
using ProtoBuf.Serializers;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization.Protobuf;

/// <summary>
/// The protobuf-net serializer for an <see cref="ImmutableMap{TKey, TValue}"/> as a <c>xmmutablemap.v1.Map</c>
/// message, so the map can be a member of any <c>[ProtoContract]</c> type. Register it with
/// <see cref="ProtobufModelExtensions.AddImmutableMaps"/> or <see cref="ProtobufModelExtensions.AddImmutableMap{TKey, TValue}"/>.
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
        object model;
        try
        {
            model = ProtobufMapReader.BuildMap(map);
        }
        catch (DocumentError e)
        {
            throw ProtobufMapFormat.ToNative(e);
        }
        if (model is ImmutableMap<TKey, TValue> same) return same;
        var source = (IImmutableMap)model;
        var keys = new TKey[source.Count];
        var values = new TValue[source.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = Convert<TKey>(source.GetKey(i), "key");
            values[i] = Convert<TValue>(source.GetValue(i), "value");
        }
        return ImmutableMap.TryCreate<TKey, TValue>(keys, values, out var typed, out _)
            ? typed
            : throw new ProtoException("Two keys of the Map are equal once converted to " + typeof(TKey).Name + ".");
    }

    /// <summary>Writes the entries in canonical key order.</summary>
    public void Write(ref ProtoWriter.State state, ImmutableMap<TKey, TValue> value)
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

    // Only conversions that keep the value: an integer into a narrower integer type when it fits,
    // a float into float32 when exact. An integer never becomes a float, nor the reverse.
    private static T Convert<T>(object? value, string what)
    {
        if (value is T typed) return typed;
        if (typeof(T) == typeof(object)) return (T)value!;
        try
        {
            if (ModelValue.TryGetInteger(value, out var integer) && typeof(T).IsPrimitive && typeof(T) != typeof(double) && typeof(T) != typeof(float) && typeof(T) != typeof(bool) && typeof(T) != typeof(char))
                return (T)System.Convert.ChangeType(integer >= 0 ? (object)(ulong)integer : (long)integer, typeof(T), CultureInfo.InvariantCulture);
            if (value is double d && typeof(T) == typeof(float) && (double)(float)d == d)
                return (T)(object)(float)d;
        }
        catch (OverflowException)
        {
            // reported below
        }
        throw new ProtoException($"The Map {what} {ModelValue.Format(value)} does not fit {typeof(T).Name}.");
    }
}
