namespace Xmmutablemap.Serialization.Internal;

/// <summary>Turns a byte offset into a 1-based line and column (columns count characters, not bytes).</summary>
internal static class TextPosition
{
    public static (long Line, long Column) At(ReadOnlySpan<byte> utf8, long offset)
    {
        offset = Math.Clamp(offset, 0, utf8.Length);
        var before = utf8[..(int)offset];
        int lastNewline = before.LastIndexOf((byte)'\n');
        long line = before.Count((byte)'\n') + 1;
        var lineStart = before[(lastNewline + 1)..];
        long column = 1;
        foreach (byte b in lineStart)
        {
            if ((b & 0xC0) != 0x80) column++; // count lead bytes only
        }
        return (line, column);
    }
}
