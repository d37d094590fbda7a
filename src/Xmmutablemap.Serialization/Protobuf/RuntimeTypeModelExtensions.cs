using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using ProtoBuf.Meta;
using Xmmutablemap.Documents;

namespace Xmmutablemap.Serialization.Protobuf;

/// <summary>Registers maps with a protobuf-net <see cref="RuntimeTypeModel"/>.</summary>
/// <remarks>
/// protobuf-net's <see cref="RuntimeTypeModel"/> compiles serializers at run time, which native AOT cannot do
/// (it fails with a <see cref="TypeInitializationException"/> in a native binary). Under AOT, read and write
/// maps with <see cref="ProtobufMapFormat"/>, which uses no protobuf-net code at all.
/// </remarks>
public static class RuntimeTypeModelExtensions
{
    private static readonly ConditionalWeakTable<TypeModel, DocumentLimits> Limits = new();

    /// <summary>
    /// Teaches <paramref name="typeModel"/> to read and write <c>ImmutableMap&lt;string, object?&gt;</c> (the model map)
    /// as a <c>xmmutablemap.v1.Map</c> message; returns the type model.
    /// </summary>
    /// <param name="typeModel">The type model.</param>
    /// <param name="limits">The limits for every map this type model reads or writes (default <see cref="DocumentLimits.Default"/>).</param>
    /// <example>
    /// <code>
    /// var typeModel = RuntimeTypeModel.Create().AddImmutableMaps().AddImmutableMap&lt;string, double&gt;();
    /// typeModel.Serialize(stream, config);   // a map, or a [ProtoContract] holding one
    /// </code>
    /// </example>
    [RequiresDynamicCode("protobuf-net's RuntimeTypeModel compiles serializers at run time; under native AOT use ProtobufMapFormat.")]
    public static RuntimeTypeModel AddImmutableMaps(this RuntimeTypeModel typeModel, DocumentLimits? limits = null) => typeModel.AddImmutableMap<string, object?>(limits);

    /// <summary>Teaches <paramref name="typeModel"/> one closed map type, e.g. <c>ImmutableMap&lt;string, double&gt;</c>; returns the type model.</summary>
    /// <param name="typeModel">The type model.</param>
    /// <param name="limits">The limits for every map this type model reads or writes; the last call's limits hold for the whole type model.</param>
    [RequiresDynamicCode("protobuf-net's RuntimeTypeModel compiles serializers at run time; under native AOT use ProtobufMapFormat.")]
    public static RuntimeTypeModel AddImmutableMap<TKey, TValue>(this RuntimeTypeModel typeModel, DocumentLimits? limits = null) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(typeModel);
        if (limits is not null) Limits.AddOrUpdate(typeModel, limits);
        // The map is an IEnumerable: without IgnoreListHandling protobuf-net would treat it as a repeated field.
        var type = typeModel.Add(typeof(ImmutableMap<TKey, TValue>), applyDefaultBehaviour: false);
        type.IgnoreListHandling = true;
        type.SerializerType = typeof(ImmutableMapProtoSerializer<TKey, TValue>);
        return typeModel;
    }

    /// <summary>The limits registered for <paramref name="typeModel"/>.</summary>
    internal static DocumentLimits LimitsOf(TypeModel? typeModel) =>
        typeModel is not null && Limits.TryGetValue(typeModel, out var limits) ? limits : DocumentLimits.Default;
}
