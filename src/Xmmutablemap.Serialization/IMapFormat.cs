using Xmmutablemap.Documents;

namespace Xmmutablemap.Serialization;

/// <summary>
/// A file format that config documents can be read from and written to. The four built-in formats
/// implement it; so can a fifth (TOML, say) written outside this library with the public toolkit in
/// <see cref="Xmmutablemap.Documents"/>, registered with <see cref="MapFormatRegistry.Register"/>.
/// </summary>
/// <remarks>
/// A document's top level is always a string-keyed map. Readers return the normalized model
/// representation (<c>long</c>, <c>ulong</c>, <c>double</c>, <c>ImmutableArray&lt;object?&gt;</c>, nested
/// <c>ImmutableMap&lt;string, object?&gt;</c>/<c>ImmutableMap&lt;long, object?&gt;</c>) and throw
/// <see cref="MapFormatException"/> for any bad input. Readers and writers agree: what <see cref="Write"/>
/// emits under some limits, <see cref="Read(Stream, DocumentLimits?)"/> accepts under the same limits, and <see cref="Write"/>
/// refuses what <see cref="Read(Stream, DocumentLimits?)"/> would refuse.
/// </remarks>
public interface IMapFormat
{
    /// <summary>The format's name, as used by <c>xmm convert --to</c>: <c>json</c>, <c>yaml</c>, <c>msgpack</c>, <c>protobuf</c>.</summary>
    string Name { get; }

    /// <summary>The file extensions, with the dot, the first being the one used for new files (<c>.json</c>).</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>Reads one document from <paramref name="input"/>.</summary>
    /// <param name="input">The document's bytes.</param>
    /// <param name="limits">The limits to apply; <see cref="DocumentLimits.Default"/> when null.</param>
    /// <exception cref="MapFormatException">The input is not a valid document; the exception names the path and position.</exception>
    ImmutableMap<string, object?> Read(Stream input, DocumentLimits? limits = null);

    /// <summary>Reads one document from bytes in memory. The built-in formats parse them in place; a format
    /// written outside the library gets this default, which reads them through <see cref="Read(Stream, DocumentLimits?)"/>.</summary>
    /// <param name="input">The document's bytes.</param>
    /// <param name="limits">The limits to apply; <see cref="DocumentLimits.Default"/> when null.</param>
    /// <exception cref="MapFormatException">The input is not a valid document; the exception names the path and position.</exception>
    ImmutableMap<string, object?> Read(ReadOnlyMemory<byte> input, DocumentLimits? limits = null)
    {
        using var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(input, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(input.ToArray(), writable: false);
        return Read(stream, limits);
    }

    /// <summary>Writes <paramref name="map"/> (any string-keyed <see cref="ImmutableMap{TKey, TValue}"/>) to <paramref name="output"/>;
    /// on failure nothing is written.</summary>
    /// <param name="map">The map.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="limits">The limits a reader will apply; <see cref="DocumentLimits.Default"/> when null.</param>
    /// <exception cref="MapFormatException">The map holds a value this format cannot carry, or breaks the limits; the exception names its path.</exception>
    void Write(IImmutableMap map, Stream output, DocumentLimits? limits = null);
}
