using Xmmutablemap.Documents;

namespace Xmmutablemap.Serialization.Internal;

/// <summary>
/// The shape every built-in format's facade shares: run the format's own reader or writer, and turn every
/// failure into a <see cref="MapFormatException"/> whose inner exception is the library's own exception
/// type (the format's funnel), so that no other exception type escapes a public entry point.
/// </summary>
internal static class FormatFunnel
{
    public static ImmutableMap<string, object?> Read(string format, Stream input, DocumentLimits? limits,
        Func<ReadOnlyMemory<byte>, DocumentLimits, ImmutableMap<string, object?>> read, Func<DocumentException, Exception> toNative) =>
        Read(format, StreamBytes.ReadAll(input), limits, read, toNative);

    public static ImmutableMap<string, object?> Read(string format, ReadOnlyMemory<byte> bytes, DocumentLimits? limits,
        Func<ReadOnlyMemory<byte>, DocumentLimits, ImmutableMap<string, object?>> read, Func<DocumentException, Exception> toNative) =>
        Read(format, limits, l => read(bytes, l), toNative);

    /// <summary>For a reader that takes its input itself (a stream read a window at a time).</summary>
    public static ImmutableMap<string, object?> Read(string format, DocumentLimits? limits,
        Func<DocumentLimits, ImmutableMap<string, object?>> read, Func<DocumentException, Exception> toNative)
    {
        try
        {
            return read(limits ?? DocumentLimits.Default);
        }
        catch (Exception e) when (ToDocumentError(e) is { } error)
        {
            throw new MapFormatException(format, error, toNative(error));
        }
    }

    /// <param name="format">The format's name.</param>
    /// <param name="map">The map to write.</param>
    /// <param name="limits">The caller's limits.</param>
    /// <param name="write">Writes the whole document, touching the output only once it is complete.</param>
    /// <param name="toNative">The format's funnel into its library's exception type.</param>
    public static void Write(string format, IImmutableMap map, DocumentLimits? limits, Action<DocumentLimits> write, Func<DocumentException, Exception> toNative)
    {
        ArgumentNullException.ThrowIfNull(map);
        // Every reader refuses a top level that is not string-keyed, so every writer does too.
        if (map.Count > 0 && map.GetKey(0) is not string)
        {
            var error = new DocumentException($"the top level must be a map with string keys, not {map.KeyType.Name} keys", "");
            throw new MapFormatException(format, error, toNative(error));
        }
        try
        {
            write(limits ?? DocumentLimits.Default);
        }
        catch (Exception e) when (ToDocumentError(e) is { } error)
        {
            throw new MapFormatException(format, error, toNative(error));
        }
    }

    /// <summary>The failures a reader or writer may meet, as one type; null for a bug (let it surface).</summary>
    private static DocumentException? ToDocumentError(Exception e) => e switch
    {
        DocumentException d => d,
        ModelValueException m => new DocumentException(m.Reason, m.Path, default, m),
        InsufficientExecutionStackException => new DocumentException("the document nests too deep for this thread's stack", "", default, e),
        _ => null,
    };
}
