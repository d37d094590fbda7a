using System.Text.Encodings.Web;
using System.Text.Json;
using Xmmutablemap.Documents;
using Xmmutablemap.Json;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization.Json;

/// <summary>The JSON format (System.Text.Json): <c>.json</c>, indented, keys in canonical order.</summary>
/// <remarks>JSON cannot carry NaN, infinities, bytes or integer map keys; writing them is refused with the path.</remarks>
public sealed class JsonMapFormat : IMapFormat
{
    /// <summary>The shared instance.</summary>
    public static JsonMapFormat Instance { get; } = new();

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Config files are read by people: keep non-ASCII text as it is rather than \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // The limits' own depth check refuses first, with a path; the writer's default of 1,000 must not.
        MaxDepth = int.MaxValue,
    };

    /// <inheritdoc/>
    public string Name => "json";

    /// <inheritdoc/>
    public IReadOnlyList<string> Extensions { get; } = [".json"];

    /// <inheritdoc/>
    public ImmutableMap<string, object?> Read(Stream input, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        // A file is read a window at a time, so a large one is never held whole beside its tree; a memory stream's
        // bytes are read in place, and a stream that cannot seek back (for an error's line) is read whole first.
        if (input.CanSeek && input is not MemoryStream)
            return FormatFunnel.Read(Name, limits, l => JsonModelReader.ReadDocument(input, l), ToNative);
        return FormatFunnel.Read(Name, input, limits, (bytes, l) => JsonModelReader.ReadDocument(bytes.Span, l), ToNative);
    }

    /// <inheritdoc/>
    public ImmutableMap<string, object?> Read(ReadOnlyMemory<byte> input, DocumentLimits? limits = null) =>
        FormatFunnel.Read(Name, input, limits, (bytes, l) => JsonModelReader.ReadDocument(bytes.Span, l), ToNative);

    /// <inheritdoc/>
    public void Write(IImmutableMap map, Stream output, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        FormatFunnel.Write(Name, map, limits, l =>
        {
            // Write to memory first: a refused value must not leave half a document in the output.
            // The buffer and writer are reused per thread, so a document costs no allocation for them.
            var buffer = t_buffer ??= new System.Buffers.ArrayBufferWriter<byte>(4096);
            var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            JsonModelWriter.WriteMap(writer, map, new DocumentPath(), l, fallback: null);
            writer.Flush();
            output.Write(buffer.WrittenSpan);
            output.WriteByte((byte)'\n');
            if (buffer.Capacity > 1 << 20)
            {
                // Do not keep a huge document's buffer alive for the thread's lifetime.
                t_buffer = null;
                t_writer = null;
            }
        }, ToNative);
    }

    /// <summary>
    /// Writes any model value (a map, a list or a scalar) as one JSON text, under the same rules as a document: a
    /// float stays a float (<c>3.0</c>), and what JSON cannot carry (NaN, bytes, integer keys) is refused, never changed.
    /// </summary>
    /// <example>
    /// <code>
    /// JsonMapFormat.Instance.WriteValue(config.GetPath("optimizer"), stream);   // {"lr": 0.0003, ...}
    /// </code>
    /// </example>
    /// <exception cref="MapFormatException">JSON cannot carry the value, or it is nested deeper than the limits allow.</exception>
    public void WriteValue(object? value, Stream output, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var l = limits ?? DocumentLimits.Default;
        try
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                JsonModelWriter.Write(writer, value, new DocumentPath(), l, fallback: null);
            }
            output.Write(buffer.WrittenSpan);
            output.WriteByte((byte)'\n');
        }
        catch (DocumentException e)
        {
            throw new MapFormatException(Name, e, ToNative(e));
        }
    }

    [ThreadStatic] private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>The funnel: every failure becomes a <see cref="JsonException"/> carrying path and position.</summary>
    internal static JsonException ToNative(DocumentException e) => e.ToJsonException();
}
