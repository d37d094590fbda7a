using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using ProtoBuf.Meta;

namespace Xmmutablemap.Serialization.Protobuf;

/// <summary>
/// Makes protobuf-net's default type model (<c>Serializer.Serialize</c>, <see cref="RuntimeTypeModel.Default"/>) know maps
/// without registration, as it knows <c>ImmutableDictionary</c>: without this, it treats a map as a dictionary and
/// fails with "No serializer defined for type: System.Object" inside a <see cref="TargetInvocationException"/>.
/// </summary>
/// <remarks>
/// A typed map serialized on its own (not as a member), such as <c>ImmutableMap&lt;string, double&gt;</c>, needs
/// <see cref="RuntimeTypeModelExtensions.AddImmutableMap{TKey, TValue}"/>, and type models made with
/// <see cref="RuntimeTypeModel.Create(string)"/> still need
/// <see cref="RuntimeTypeModelExtensions.AddImmutableMaps"/>: protobuf-net raises no event for them. Nothing happens
/// under native AOT, where protobuf-net's runtime type model cannot work at all, nor until protobuf-net is loaded, so
/// YAML or JSON users pay nothing for it. Maps registered explicitly keep their own limits: protobuf-net asks
/// only about types it does not know yet.
/// </remarks>
internal static class DefaultTypeModelRegistration
{
    // Run by the core (Xmmutablemap.Internal.AdapterActivation) once protobuf-net is loaded, through
    // RuntimeHelpers.RunClassConstructor: the core cannot reference this assembly.
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only when RuntimeFeature.IsDynamicCodeSupported, as protobuf-net's runtime type model itself requires.")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reflects over the contracts protobuf-net itself reflects over; a trimmed app cannot use protobuf-net's runtime type model either.")]
    static DefaultTypeModelRegistration()
    {
        if (!RuntimeFeature.IsDynamicCodeSupported) return;
        // The model map up front: serialized on its own, protobuf-net decides it is a dictionary before it raises
        // any event a configuration there could change.
        RuntimeTypeModel.Default.AddImmutableMaps();
        RuntimeTypeModel.Default.BeforeApplyDefaultBehaviour += Configure;
    }

    [RequiresDynamicCode("protobuf-net's RuntimeTypeModel compiles serializers at run time.")]
    [RequiresUnreferencedCode("protobuf-net's RuntimeTypeModel reflects over contract members.")]
    private static void Configure(object? sender, TypeAddedEventArgs args)
    {
        // A contract holding maps: protobuf-net would take a map member for a dictionary without asking the type model,
        // so the map types must be in the type model before the contract's members are resolved.
        const BindingFlags members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        foreach (var property in args.Type.GetProperties(members)) AddIfMap(args.Model, property.PropertyType);
        foreach (var field in args.Type.GetFields(members)) AddIfMap(args.Model, field.FieldType);
    }

    [RequiresDynamicCode("protobuf-net's RuntimeTypeModel compiles serializers at run time.")]
    [RequiresUnreferencedCode("protobuf-net's RuntimeTypeModel reflects over contract members.")]
    private static void AddIfMap(RuntimeTypeModel typeModel, Type type)
    {
        if (IsMap(type) && !typeModel.IsDefined(type)) Describe(typeModel.Add(type, applyDefaultBehaviour: false));
    }

    // The same configuration as AddImmutableMap<TKey, TValue>, with the default limits.
    [RequiresDynamicCode("protobuf-net's RuntimeTypeModel compiles serializers at run time.")]
    [RequiresUnreferencedCode("protobuf-net's RuntimeTypeModel reflects over contract members.")]
    private static void Describe(MetaType metaType)
    {
        metaType.IgnoreListHandling = true;
        metaType.SerializerType = typeof(ImmutableMapProtoSerializer<,>).MakeGenericType(metaType.Type.GetGenericArguments());
    }

    // String or integer keys, as ImmutableMapProtoSerializer supports; other keys get protobuf-net's own error.
    private static bool IsMap(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableMap<,>)
        && (type.GetGenericArguments()[0] == typeof(string) || IsIntegerKey(type.GetGenericArguments()[0]));

    private static bool IsIntegerKey(Type type) =>
        type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(sbyte)
        || type == typeof(ulong) || type == typeof(uint) || type == typeof(ushort) || type == typeof(byte);
}
