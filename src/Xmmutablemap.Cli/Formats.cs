using Xmmutablemap.Serialization;

namespace Xmmutablemap.Cli;

/// <summary>Format names as the command line spells them.</summary>
internal static class Formats
{
    public static readonly string[] Names = ["json", "yaml", "msgpack", "protobuf"];

    public static IMapFormat Named(string name) => MapFormatRegistry.Default.TryGetByName(name, out var format)
        ? format
        : throw new UsageException($"unknown format '{name}'; use one of {string.Join(", ", Names)}");
}
