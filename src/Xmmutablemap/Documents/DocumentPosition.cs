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

    /// <summary>
    /// The line and column of a byte offset in UTF-8 text: lines are counted by <c>\n</c>, columns in characters
    /// (continuation bytes do not count), so a reader that only knows where it stopped can report what an editor shows.
    /// </summary>
    /// <param name="utf8">The whole text.</param>
    /// <param name="offset">The 0-based byte offset; clamped to the text.</param>
    /// <example>
    /// <code>
    /// DocumentPosition.FromByteOffset("a: 1\nb: é!"u8, 9)   // line 2, column 5
    /// </code>
    /// </example>
    public static DocumentPosition FromByteOffset(ReadOnlySpan<byte> utf8, long offset)
    {
        offset = Math.Clamp(offset, 0, utf8.Length);
        var before = utf8[..(int)offset];
        int lastNewline = before.LastIndexOf((byte)'\n');
        long line = before.Count((byte)'\n') + 1;
        long column = 1;
        foreach (byte b in before[(lastNewline + 1)..])
        {
            if ((b & 0xC0) != 0x80) column++; // count lead bytes only
        }
        return AtLine(line, column);
    }

    /// <summary>Whether any position is known.</summary>
    public bool IsKnown => Line is not null || ByteOffset is not null;

    /// <summary><c>line 3, column 7</c>, <c>byte 12</c>, or the empty string.</summary>
    public override string ToString() =>
        Line is not null ? $"line {Line}, column {Column ?? 1}" : ByteOffset is not null ? $"byte {ByteOffset}" : "";
}
