using Xmmutablemap.Documents;

namespace Xmmutablemap.Serialization;

/// <summary>Byte-array conveniences over any <see cref="IMapFormat"/>.</summary>
public static class MapFormatExtensions
{
    /// <summary>Reads a document from bytes.</summary>
    /// <exception cref="MapFormatException">The bytes are not a valid document.</exception>
    public static ImmutableMap<string, object?> Read(this IMapFormat format, byte[] bytes, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(bytes);
        using var stream = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);
        return format.Read(stream, limits);
    }

    /// <summary>Writes a document to a new byte array.</summary>
    /// <exception cref="MapFormatException">The map holds a value the format cannot carry.</exception>
    public static byte[] WriteToArray(this IMapFormat format, IImmutableMap map, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        using var stream = new MemoryStream();
        format.Write(map, stream, limits);
        return stream.ToArray();
    }
}
