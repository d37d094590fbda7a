using System.Text.Encodings.Web;
using System.Text.Json;
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
    };

    /// <inheritdoc/>
    public string Name => "json";

    /// <inheritdoc/>
    public IReadOnlyList<string> Extensions { get; } = [".json"];

    /// <inheritdoc/>
    public ImmutableMap<string, object?> Read(Stream input, MapReaderOptions? options = null)
    {
        var bytes = StreamBytes.ReadAll(input);
        try
        {
            return JsonModelReader.ReadDocument(bytes.Span, options ?? MapReaderOptions.Default);
        }
        catch (DocumentError e)
        {
            throw e.ToFacade(Name, ToNative(e));
        }
    }

    /// <inheritdoc/>
    public void Write(IImmutableMap map, Stream output)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(output);
        // Write to memory first: a refused value must not leave half a document in the output.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                JsonModelWriter.WriteMap(writer, map, new DocumentPath(), fallback: null);
            }
        }
        catch (DocumentError e)
        {
            throw e.ToFacade(Name, ToNative(e));
        }
        output.Write(buffer.WrittenSpan);
        output.WriteByte((byte)'\n');
    }

    /// <summary>The funnel: every failure becomes a <see cref="JsonException"/> carrying path and position.</summary>
    internal static JsonException ToNative(DocumentError e) =>
        new(e.Describe(), e.Path.Length == 0 ? "$" : "$." + e.Path, e.Line - 1, e.Column - 1, e);
}
