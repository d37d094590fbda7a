namespace Xmmutablemap.Documents;

/// <summary>
/// Where something is in a document: a 1-based line and column for text formats, a 0-based byte offset
/// for binary ones, or nowhere in particular (<see cref="None"/>).
/// </summary>
/// <param name="Line">The 1-based line, for text formats.</param>
/// <param name="Column">The 1-based column (in characters), for text formats.</param>
/// <param name="ByteOffset">The 0-based byte offset, for binary formats.</param>
public readonly record struct DocumentPosition(long? Line, long? Column, long? ByteOffset)
{
    /// <summary>No known position.</summary>
    public static DocumentPosition None => default;

    /// <summary>A line and column in a text document.</summary>
    public static DocumentPosition AtLine(long line, long column) => new(line, column, null);

    /// <summary>A byte offset in a binary document.</summary>
    public static DocumentPosition AtByte(long offset) => new(null, null, offset);

    /// <summary>Whether any position is known.</summary>
    public bool IsKnown => Line is not null || ByteOffset is not null;

    /// <summary><c>line 3, column 7</c>, <c>byte 12</c>, or the empty string.</summary>
    public override string ToString() =>
        Line is not null ? $"line {Line}, column {Column ?? 1}" : ByteOffset is not null ? $"byte {ByteOffset}" : "";
}
