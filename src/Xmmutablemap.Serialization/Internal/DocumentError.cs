namespace Xmmutablemap.Serialization.Internal;

/// <summary>
/// A reader's or writer's failure with its location. Each format turns it into its library's own
/// exception type for the native APIs, and the facade into a <see cref="MapFormatException"/>.
/// </summary>
internal sealed class DocumentError(string reason, string path, long? line = null, long? column = null, long? byteOffset = null, Exception? inner = null)
    : Exception(reason, inner)
{
    public string Reason { get; } = reason;
    public string Path { get; } = path;
    public long? Line { get; } = line;
    public long? Column { get; } = column;
    public long? ByteOffset { get; } = byteOffset;

    /// <summary>"at a.b, line 3, column 7: reason": the form used inside native exception messages.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Path.Length > 0) parts.Add("at " + Path);
        if (Line is not null) parts.Add($"line {Line}, column {Column}");
        if (ByteOffset is not null) parts.Add($"byte {ByteOffset}");
        return parts.Count == 0 ? Reason : string.Join(", ", parts) + ": " + Reason;
    }

    public MapFormatException ToFacade(string format, Exception native) =>
        new(format, Reason, Path, Line, Column, ByteOffset, file: null, innerException: native);
}
