using ProtoBuf.Meta;

namespace Xmmutablemap.Serialization.Protobuf;

/// <summary>Registers maps with a protobuf-net <see cref="RuntimeTypeModel"/>.</summary>
public static class ProtobufModelExtensions
{
    /// <summary>
    /// Teaches <paramref name="model"/> to read and write <c>ImmutableMap&lt;string, object?&gt;</c> (the model map)
    /// as a <c>xmmutablemap.v1.Map</c> message; returns the model.
    /// </summary>
    /// <example>
    /// <code>
    /// var model = RuntimeTypeModel.Create().AddImmutableMaps().AddImmutableMap&lt;string, double&gt;();
    /// model.Serialize(stream, config);   // a map, or a [ProtoContract] holding one
    /// </code>
    /// </example>
    public static RuntimeTypeModel AddImmutableMaps(this RuntimeTypeModel model) => model.AddImmutableMap<string, object?>();

    /// <summary>Teaches <paramref name="model"/> one closed map type, e.g. <c>ImmutableMap&lt;string, double&gt;</c>; returns the model.</summary>
    public static RuntimeTypeModel AddImmutableMap<TKey, TValue>(this RuntimeTypeModel model) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(model);
        // The map is an IEnumerable: without IgnoreListHandling protobuf-net would treat it as a repeated field.
        var type = model.Add(typeof(ImmutableMap<TKey, TValue>), applyDefaultBehaviour: false);
        type.IgnoreListHandling = true;
        type.SerializerType = typeof(ImmutableMapProtoSerializer<TKey, TValue>);
        return model;
    }
}
