using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Protobuf;
using Xmmutablemap.Serialization.Yaml;

namespace Xmmutablemap.Serialization;

/// <summary>Finds a format by name or by file extension. <see cref="Default"/> holds the four built-in formats.</summary>
/// <example>
/// <code>
/// var registry = MapFormatRegistry.CreateDefault();
/// registry.Register(new MyTomlFormat());            // a fifth format, from outside the library
/// var config = MapFile.Load("run.toml", registry);
/// </code>
/// </example>
public sealed class MapFormatRegistry
{
    private readonly List<IMapFormat> _formats = [];
    private readonly object _gate = new();

    /// <summary>The shared registry with JSON, YAML, MessagePack and protobuf. Formats registered here are seen by every caller.</summary>
    public static MapFormatRegistry Default { get; } = CreateDefault();

    /// <summary>Returns a new registry holding the four built-in formats.</summary>
    public static MapFormatRegistry CreateDefault()
    {
        var registry = new MapFormatRegistry();
        registry.Register(JsonMapFormat.Instance);
        registry.Register(YamlMapFormat.Instance);
        registry.Register(MessagePackMapFormat.Instance);
        registry.Register(ProtobufMapFormat.Instance);
        return registry;
    }

    /// <summary>The registered formats, in registration order.</summary>
    public IReadOnlyList<IMapFormat> Formats
    {
        get { lock (_gate) return _formats.ToArray(); }
    }

    /// <summary>Adds a format; a later format with the same name or extension takes precedence.</summary>
    public void Register(IMapFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        lock (_gate) _formats.Insert(0, format);
    }

    /// <summary>Finds a format by name (<c>yaml</c>), case-insensitively.</summary>
    public bool TryGetByName(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IMapFormat? format)
    {
        format = Formats.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        return format is not null;
    }

    /// <summary>Finds a format by the extension of <paramref name="path"/> (<c>.yml</c>), case-insensitively.</summary>
    public bool TryGetByPath(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IMapFormat? format)
    {
        string extension = Path.GetExtension(path);
        format = extension.Length == 0 ? null : Formats.FirstOrDefault(f => f.Extensions.Any(e => string.Equals(e, extension, StringComparison.OrdinalIgnoreCase)));
        return format is not null;
    }

    /// <summary>Finds a format by name.</summary>
    /// <exception cref="ArgumentException">No format has that name; the message lists the known ones.</exception>
    public IMapFormat GetByName(string name) => TryGetByName(name, out var format)
        ? format
        : throw new ArgumentException($"Unknown format '{name}'; known formats: {string.Join(", ", Formats.Select(f => f.Name).Distinct())}.", nameof(name));

    /// <summary>Finds a format by the extension of <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">No format claims the extension; the message lists the known ones.</exception>
    public IMapFormat GetByPath(string path) => TryGetByPath(path, out var format)
        ? format
        : throw new ArgumentException($"Cannot tell the format of '{path}' from its extension; known extensions: {string.Join(", ", Formats.SelectMany(f => f.Extensions).Distinct())}.", nameof(path));
}
