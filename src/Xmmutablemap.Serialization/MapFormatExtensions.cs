using System.Buffers;
using System.Text;
using Xmmutablemap.Documents;

namespace Xmmutablemap.Serialization;

/// <summary>Conveniences over any <see cref="IMapFormat"/>: documents from bytes, strings and sequences, to arrays and buffer writers.</summary>
/// <example>
/// <code>
/// var config = YamlMapFormat.Instance.Parse("optimizer:\n  lr: 0.001\n");
/// var fromSocket = MessagePackMapFormat.Instance.Read(readResult.Buffer);   // a ReadOnlySequence&lt;byte&gt;
/// JsonMapFormat.Instance.Write(config, bufferWriter);                        // an IBufferWriter&lt;byte&gt;
/// </code>
/// </example>
public static class MapFormatExtensions
{
    /// <summary>Reads a document from bytes.</summary>
    /// <exception cref="MapFormatException">The bytes are not a valid document.</exception>
    public static ImmutableMap<string, object?> Read(this IMapFormat format, byte[] bytes, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(bytes);
        return format.Read(bytes.AsMemory(), limits);
    }

    /// <summary>Reads a document from a sequence of bytes (a pipe's buffer, say), in place when it is one segment.</summary>
    /// <exception cref="MapFormatException">The bytes are not a valid document.</exception>
    public static ImmutableMap<string, object?> Read(this IMapFormat format, ReadOnlySequence<byte> bytes, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.Read(bytes.IsSingleSegment ? bytes.First : bytes.ToArray(), limits);
    }

    /// <summary>Reads a document of a text format (JSON, YAML) from a string.</summary>
    /// <exception cref="MapFormatException">The text is not a valid document.</exception>
    public static ImmutableMap<string, object?> Parse(this IMapFormat format, string text, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return format.Parse(text.AsSpan(), limits);
    }

    /// <summary>Reads a document of a text format (JSON, YAML) from characters.</summary>
    /// <exception cref="MapFormatException">The text is not a valid document (a lone surrogate included).</exception>
    public static ImmutableMap<string, object?> Parse(this IMapFormat format, ReadOnlySpan<char> text, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        byte[] utf8;
        try
        {
            utf8 = StrictUtf8.GetBytes(text.ToArray());
        }
        catch (EncoderFallbackException e)
        {
            var error = new DocumentException(ModelText.LoneSurrogateReason, "", DocumentPosition.None, e);
            throw new MapFormatException(format.Name, error);
        }
        return format.Read(utf8.AsMemory(), limits);
    }

    /// <summary>Writes a document into <paramref name="output"/> (a pipe's writer, say); on failure nothing is written.</summary>
    /// <exception cref="MapFormatException">The map holds a value the format cannot carry.</exception>
    public static void Write(this IMapFormat format, IImmutableMap map, IBufferWriter<byte> output, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(format.WriteToArray(map, limits));
    }

    /// <summary>Writes a document of a text format (JSON, YAML) as a string.</summary>
    /// <exception cref="MapFormatException">The map holds a value the format cannot carry.</exception>
    /// <exception cref="InvalidOperationException">The format writes binary (MessagePack, protobuf): use <see cref="WriteToArray"/>.</exception>
    public static string WriteToString(this IMapFormat format, IImmutableMap map, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (format.Name is "msgpack" or "protobuf") throw new InvalidOperationException($"The {format.Name} format writes binary; use WriteToArray.");
        return Encoding.UTF8.GetString(format.WriteToArray(map, limits));
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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
