using System.Buffers;
using Xmmutablemap.Internal;

namespace Xmmutablemap;

/// <summary>
/// The canonical encoding v1 of any model value (deterministic MessagePack, <c>schemas/canonical-encoding.md</c>).
/// A map's <see cref="ImmutableMap{TKey, TValue}.ContentHash"/> is the SHA-256 of these bytes.
/// </summary>
/// <example>
/// <code>
/// byte[] bytes = CanonicalEncoding.ToArray(ImmutableMap.Of(("a", 1)));  // 81 a1 61 01
/// </code>
/// </example>
public static class CanonicalEncoding
{
    /// <summary>The version of the encoding these bytes follow.</summary>
    public const int Version = 1;

    /// <summary>Writes the canonical bytes of <paramref name="value"/> to <paramref name="output"/>.</summary>
    /// <exception cref="NotSupportedException">The value, or something inside it, is outside the data model; the message names the path.</exception>
    public static void Write(IBufferWriter<byte> output, object? value)
    {
        ArgumentNullException.ThrowIfNull(output);
        CanonicalWriter.Write(output, value);
    }

    /// <summary>Writes the canonical bytes of <paramref name="value"/> to <paramref name="output"/>, refusing nesting deeper
    /// than <paramref name="limits"/> allow (as format writers must). The bytes go out as they are encoded: on failure
    /// the output may hold the first part, so write to a scratch buffer when the output must be all or nothing.</summary>
    /// <exception cref="ModelValueException">The value is outside the data model; <see cref="ModelValueException.Path"/> names where.</exception>
    /// <exception cref="Documents.DocumentException">The value nests deeper than <see cref="Documents.DocumentLimits.MaxDepth"/>.</exception>
    public static void Write(IBufferWriter<byte> output, object? value, Documents.DocumentLimits limits)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(limits);
        CanonicalWriter.Write(output, value, limits.MaxDepth);
    }

    /// <summary>Returns the canonical bytes of <paramref name="value"/>.</summary>
    /// <exception cref="NotSupportedException">The value is outside the data model.</exception>
    public static byte[] ToArray(object? value)
    {
        return CanonicalWriter.ToArray(value);
    }

    /// <summary>Returns the canonical bytes of <paramref name="value"/>, refusing nesting deeper than <paramref name="limits"/> allow (as format writers must).</summary>
    /// <exception cref="ModelValueException">The value is outside the data model; <see cref="ModelValueException.Path"/> names where.</exception>
    /// <exception cref="Documents.DocumentException">The value nests deeper than <see cref="Documents.DocumentLimits.MaxDepth"/>.</exception>
    public static byte[] ToArray(object? value, Documents.DocumentLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return CanonicalWriter.ToArray(value, limits.MaxDepth);
    }

    /// <summary>Returns the SHA-256 of the canonical bytes of <paramref name="value"/>, streamed without building them.</summary>
    /// <exception cref="NotSupportedException">The value is outside the data model.</exception>
    public static ContentHash Hash(object? value) => CanonicalWriter.Hash(value);
}
