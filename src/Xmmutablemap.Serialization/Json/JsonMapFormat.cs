using System.Text.Encodings.Web;
using System.Text.Json;
using Xmmutablemap.Documents;
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
    public ImmutableMap<string, object?> Read(Stream input, DocumentLimits? limits = null) =>
        FormatFunnel.Read(Name, input, limits, (bytes, l) => JsonModelReader.ReadDocument(bytes.Span, l), ToNative);

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

    [ThreadStatic] private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>The funnel: every failure becomes a <see cref="JsonException"/> carrying path and position.</summary>
    internal static JsonException ToNative(DocumentException e) =>
        new(e.Message, e.Path.Length == 0 ? "$" : "$." + e.Path, e.Position.Line - 1, e.Position.Column - 1, e);
}
