using System.Text.Json;
using Xmmutablemap.Documents;

namespace Xmmutablemap.Serialization.Json;

/// <summary>Where each value of a JSON document starts (path to line and column), for provenance. The
/// document has already been read, so it is valid.</summary>
internal static class JsonValuePositions
{
    public static Dictionary<string, DocumentPosition> Read(ReadOnlySpan<byte> utf8)
    {
        var offsets = new List<(string Path, long Offset)>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = int.MaxValue });
        var path = new DocumentPath();
        reader.Read();
        Walk(ref reader, path, offsets);
        // Offsets come in document order: one forward pass turns them all into lines and columns.
        var positions = new Dictionary<string, DocumentPosition>(StringComparer.Ordinal);
        long line = 1, column = 1;
        int at = 0;
        foreach (var (p, offset) in offsets)
        {
            for (; at < offset; at++)
            {
                if (utf8[at] == (byte)'\n') { line++; column = 1; }
                else if ((utf8[at] & 0xC0) != 0x80) column++; // count characters, not continuation bytes
            }
            positions[p] = DocumentPosition.AtLine(line, column);
        }
        return positions;
    }

    private static void Walk(ref Utf8JsonReader reader, DocumentPath path, List<(string, long)> offsets)
    {
        offsets.Add((path.ToString(), reader.TokenStartIndex));
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    path.PushKey(reader.GetString()!);
                    reader.Read();
                    Walk(ref reader, path, offsets);
                    path.Pop();
                }
                break;
            case JsonTokenType.StartArray:
                path.PushIndex(0);
                for (int i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
                {
                    path.SetIndex(i);
                    Walk(ref reader, path, offsets);
                }
                path.Pop();
                break;
        }
    }
}
