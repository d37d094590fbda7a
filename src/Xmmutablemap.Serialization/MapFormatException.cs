using Xmmutablemap.Documents;

namespace Xmmutablemap.Serialization;

/// <summary>
/// The one exception the facade throws for bad input or a value a format cannot carry. It names the
/// format, the file (when known), the path inside the document and the position; the underlying
/// library's own exception is the <see cref="Exception.InnerException"/>.
/// </summary>
/// <example>
/// <code>
/// try { MapFile.Load("config.yaml"); }
/// catch (MapFormatException e) { Console.Error.WriteLine(e.Message); }
/// // config.yaml:3:7: yaml: at optimizer.lr: the key "lr" appears more than once
/// </code>
/// </example>
public sealed class MapFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MapFormatException(string format, string reason, string documentPath = "", long? line = null, long? column = null, long? byteOffset = null, string? file = null, Exception? innerException = null)
        : base(Compose(format, reason, documentPath, line, column, byteOffset, file), innerException)
    {
        Format = format;
        Reason = reason;
        DocumentPath = documentPath;
        Line = line;
        Column = column;
        ByteOffset = byteOffset;
        File = file;
    }

    /// <summary>Creates the exception for a rule of the data model broken in a document (the usual case for a reader or writer).</summary>
    /// <param name="format">The format's name.</param>
    /// <param name="error">The broken rule, with its path and position.</param>
    /// <param name="innerException">The format library's own exception type carrying the same error (as the native adapters throw it); defaults to <paramref name="error"/>.</param>
    /// <example>
    /// <code>
    /// catch (DocumentException e) { throw new MapFormatException("toml", e); }
    /// </code>
    /// </example>
    public MapFormatException(string format, DocumentException error, Exception? innerException = null)
        : this(format, (error ?? throw new ArgumentNullException(nameof(error))).Reason, error.Path, error.Position.Line, error.Position.Column, error.Position.ByteOffset, file: null, innerException ?? error)
    {
    }

    /// <summary>The format's name (<c>json</c>, <c>yaml</c>, ...).</summary>
    public string Format { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>Where inside the document: <c>optimizer.lr</c>, <c>layers[3]</c>; empty for the top level.</summary>
    public string DocumentPath { get; }

    /// <summary>The 1-based line, for text formats.</summary>
    public long? Line { get; }

    /// <summary>The 1-based column, for text formats.</summary>
    public long? Column { get; }

    /// <summary>The 0-based byte offset, for binary formats.</summary>
    public long? ByteOffset { get; }

    /// <summary>The file, when the document came from one.</summary>
    public string? File { get; }

    /// <summary>Returns the same error attributed to <paramref name="file"/>.</summary>
    public MapFormatException WithFile(string file) => new(Format, Reason, DocumentPath, Line, Column, ByteOffset, file, InnerException);

    private static string Compose(string format, string reason, string path, long? line, long? column, long? offset, string? file)
    {
        string where = file ?? "<input>";
        if (line is not null) where += $":{line}:{column ?? 1}";
        else if (offset is not null) where += $": byte {offset}";
        string at = path.Length == 0 ? "" : $"at {DocumentException.Excerpt(path, DocumentException.PathExcerptLength)}: ";
        return $"{where}: {format}: {at}{reason}";
    }
}
