using ProtoBuf.Meta;

namespace Xmmutablemap.Serialization.Protobuf;

/// <summary>Registers the map with a protobuf-net <see cref="RuntimeTypeModel"/>.</summary>
public static class ProtobufModelExtensions
{
    /// <summary>
    /// Teaches <paramref name="model"/> to read and write <c>ImmutableMap&lt;string, object?&gt;</c> as a
    /// <c>xmmutablemap.v1.Map</c> message; returns the model.
    /// </summary>
    /// <example>
    /// <code>
    /// var model = RuntimeTypeModel.Create().AddImmutableMaps();
    /// model.Serialize(stream, config);   // config: ImmutableMap&lt;string, object?&gt;, or a [ProtoContract] holding one
    /// </code>
    /// </example>
    public static RuntimeTypeModel AddImmutableMaps(this RuntimeTypeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        // The map is an IEnumerable: without IgnoreListHandling protobuf-net would treat it as a repeated field.
        var type = model.Add(typeof(ImmutableMap<string, object?>), applyDefaultBehaviour: false);
        type.IgnoreListHandling = true;
        type.SerializerType = typeof(ImmutableMapProtoSerializer);
        return model;
    }
}
