using Xmmutablemap.Documents;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization;

/// <summary>Loads and saves config files in any registered format, chosen by the file's extension.</summary>
/// <example>
/// <code>
/// ImmutableMap&lt;string, object?&gt; config = MapFile.Load("examples/train.yaml");
/// Console.WriteLine(config.ContentHash);
/// MapFile.Save(config, "train.json");   // atomic: temp file, then rename
/// </code>
/// </example>
public static class MapFile
{
    /// <summary>Reads the document in <paramref name="path"/>, in the format its extension names.</summary>
    /// <exception cref="MapFormatException">The file is not a valid document; the exception names the file, path and position.</exception>
    /// <exception cref="ArgumentException">No registered format claims the extension.</exception>
    public static ImmutableMap<string, object?> Load(string path, MapFormatRegistry? registry = null, DocumentLimits? limits = null)
        => Load(path, (registry ?? MapFormatRegistry.Default).GetByPath(path), limits);

    /// <summary>Reads the document in <paramref name="path"/> in the given format.</summary>
    /// <exception cref="MapFormatException">The file is not a valid document.</exception>
    public static ImmutableMap<string, object?> Load(string path, IMapFormat format, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(format);
        using var stream = File.OpenRead(path);
        try
        {
            return format.Read(stream, limits);
        }
        catch (MapFormatException e)
        {
            throw e.WithFile(path);
        }
    }

    /// <summary>Writes <paramref name="map"/> to <paramref name="path"/> in the format its extension names, atomically:
    /// on any failure the target is left as it was and no temporary file remains.</summary>
    /// <exception cref="MapFormatException">The map holds a value the format cannot carry.</exception>
    /// <exception cref="IOException">The file cannot be written (the message names <paramref name="path"/>).</exception>
    public static void Save(IImmutableMap map, string path, MapFormatRegistry? registry = null, DocumentLimits? limits = null)
        => Save(map, path, (registry ?? MapFormatRegistry.Default).GetByPath(path), limits);

    /// <summary>Writes <paramref name="map"/> to <paramref name="path"/> in the given format, atomically.</summary>
    /// <exception cref="MapFormatException">The map holds a value the format cannot carry.</exception>
    /// <exception cref="IOException">The file cannot be written (the message names <paramref name="path"/>).</exception>
    public static void Save(IImmutableMap map, string path, IMapFormat format, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(format);
        try
        {
            AtomicFile.Write(path, stream => format.Write(map, stream, limits));
        }
        catch (MapFormatException e)
        {
            throw e.WithFile(path);
        }
    }
}
