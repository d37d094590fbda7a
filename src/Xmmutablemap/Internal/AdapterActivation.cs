using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Xmmutablemap.Internal;

/// <summary>
/// Wakes Xmmutablemap.Serialization's protobuf-net adapter when protobuf-net loads, so protobuf-net's default type model
/// (<c>Serializer.Serialize</c>) knows maps in a program that never touched Xmmutablemap.Serialization itself. Without
/// it, such a program gets protobuf-net's "No serializer defined for type: System.Object" with no hint.
/// </summary>
/// <remarks>
/// The core does not depend on Serialization: the adapter is found by name, and when it is not deployed nothing
/// happens. Nothing happens under native AOT either, where protobuf-net's runtime type model cannot work.
/// </remarks>
internal static class AdapterActivation
{
    private const string ProtobufAdapter = "Xmmutablemap.Serialization.Protobuf.DefaultTypeModelRegistration, Xmmutablemap.Serialization";

#pragma warning disable CA2255 // A library module initializer is the only code that runs before the user's first protobuf-net call.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        if (!RuntimeFeature.IsDynamicCodeSupported) return;
        AppDomain.CurrentDomain.AssemblyLoad += OnAssemblyLoad;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (IsProtobufNet(assembly))
            {
                Activate();
                return;
            }
        }
    }

    private static void OnAssemblyLoad(object? sender, AssemblyLoadEventArgs args)
    {
        if (IsProtobufNet(args.LoadedAssembly)) Activate();
    }

    private static bool IsProtobufNet(Assembly assembly) => assembly.GetName().Name == "protobuf-net";

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only under dynamic code (never in a trimmed native binary), and the adapter is kept by its own module initializer.")]
    private static void Activate()
    {
        AppDomain.CurrentDomain.AssemblyLoad -= OnAssemblyLoad;
        try
        {
            // Running the adapter's class constructor runs its module's initializer first, which hooks the default type model.
            if (Type.GetType(ProtobufAdapter, throwOnError: false) is { } adapter) RuntimeHelpers.RunClassConstructor(adapter.TypeHandle);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            // Serialization is not deployed, or not loadable: protobuf-net keeps its own behaviour.
        }
    }
}
