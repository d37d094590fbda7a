using System.Buffers;
using System.Buffers.Text;
using System.Collections.Immutable;
using System.Text.Json;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization.Json;

/// <summary>
/// Reads JSON into model values with Utf8JsonReader: integer syntax gives an integer, a fraction or
/// exponent gives a float; duplicate keys, overflowing numbers, lone surrogates and excess depth are
/// errors (System.Text.Json itself would accept the first three).
/// </summary>
internal static class JsonModelReader
{
    public static ImmutableMap<string, object?> ReadDocument(ReadOnlySpan<byte> utf8, MapReaderOptions options)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            // Our own depth check reports first, with a path; this only backs it up.
            MaxDepth = options.MaxDepth + 1,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
        var path = new DocumentPath();
        try
        {
            if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) throw Error("a UTF-8 byte order mark is not allowed in JSON", path, ref reader);
            if (!reader.Read()) throw Error("the document is empty", path, ref reader);
            if (reader.TokenType != JsonTokenType.StartObject) throw Error($"the top level must be an object, not {Describe(reader.TokenType)}", path, ref reader);
            var map = (ImmutableMap<string, object?>)ReadValue(ref reader, path, options.MaxDepth)!;
            if (reader.Read()) throw Error("there is more data after the document", path, ref reader);
            return map;
        }
        catch (DocumentError e) when (e.Line is null && e.ByteOffset is not null)
        {
            var (line, column) = TextPosition.At(utf8, e.ByteOffset.Value);
            throw new DocumentError(e.Reason, e.Path, line, column, null, e.InnerException);
        }
        catch (JsonException e)
        {
            // The reader's own syntax errors carry a 0-based line and byte position in the line.
            long line = (e.LineNumber ?? 0) + 1;
            long column = (e.BytePositionInLine ?? 0) + 1;
            throw new DocumentError(StripPosition(e.Message), path.ToString(), line, column, null, e);
        }
    }

    /// <summary>Reads the value at the reader's current token; on return the reader is on the value's last token.</summary>
    public static object? ReadValue(ref Utf8JsonReader reader, DocumentPath path, int maxDepth)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return null;
            case JsonTokenType.True: return Boxes.True;
            case JsonTokenType.False: return Boxes.False;
            case JsonTokenType.String: return ReadString(ref reader, path);
            case JsonTokenType.Number: return ReadNumber(ref reader, path);
            case JsonTokenType.StartArray:
            {
                if (path.Depth + 1 > maxDepth) throw Error($"nesting is deeper than the limit of {maxDepth}", path, ref reader);
                var items = Scratch.RentList();
                path.PushIndex(0);
                while (true)
                {
                    Next(ref reader, path);
                    if (reader.TokenType == JsonTokenType.EndArray) break;
                    path.SetIndex(items.Count);
                    items.Add(ReadValue(ref reader, path, maxDepth));
                }
                path.Pop();
                return Scratch.ToImmutableAndReturn(items);
            }
            case JsonTokenType.StartObject:
            {
                if (path.Depth + 1 > maxDepth) throw Error($"nesting is deeper than the limit of {maxDepth}", path, ref reader);
                var map = Scratch.RentMap();
                while (true)
                {
                    Next(ref reader, path);
                    if (reader.TokenType == JsonTokenType.EndObject) break;
                    long keyOffset = reader.TokenStartIndex;
                    string key = ReadString(ref reader, path);
                    path.PushKey(key);
                    Next(ref reader, path);
                    var value = ReadValue(ref reader, path, maxDepth);
                    path.Pop();
                    map.TryAdd(key, value, keyOffset);
                }
                var result = map.TryToMap(out var duplicate, out long duplicateOffset);
                Scratch.Return(map);
                if (result is not null) return result;
                path.PushKey(duplicate!);
                throw new DocumentError(ModelMapBuilder.DuplicateMessage(duplicate!), path.ToString(), byteOffset: duplicateOffset);
            }
            default:
                throw Error($"unexpected {Describe(reader.TokenType)}", path, ref reader);
        }
    }

    private static void Next(ref Utf8JsonReader reader, DocumentPath path)
    {
        if (!reader.Read()) throw Error("the document ends too early", path, ref reader);
    }

    private static string ReadString(ref Utf8JsonReader reader, DocumentPath path)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // Invalid UTF-8, or an escape that leaves a lone surrogate: not a Unicode scalar value string.
            throw Error("the string is not valid Unicode (invalid UTF-8 or a lone surrogate escape)", path, ref reader, e);
        }
    }

    private static object ReadNumber(ref Utf8JsonReader reader, DocumentPath path)
    {
        // Integer syntax that fits a long, the common case; TryGetInt64 refuses a fraction or an exponent.
        if (reader.TryGetInt64(out long common)) return Boxes.Integer(common);
        ReadOnlySpan<byte> text = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        if (text.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            if (Utf8Parser.TryParse(text, out long l, out int used) && used == text.Length) return Boxes.Integer(l);
            if (Utf8Parser.TryParse(text, out ulong u, out used) && used == text.Length) return u;
            throw Error($"the integer {System.Text.Encoding.UTF8.GetString(text)} is outside the range -2^63..2^64-1", path, ref reader);
        }
        double d = double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        if (double.IsInfinity(d)) throw Error($"the number {System.Text.Encoding.UTF8.GetString(text)} overflows a 64-bit float", path, ref reader);
        return d;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static DocumentError Error(string reason, DocumentPath path, ref Utf8JsonReader reader, Exception? inner = null)
        => new(reason, path.ToString(), byteOffset: reader.TokenStartIndex, inner: inner);

    // "'x' is invalid after a single JSON value. LineNumber: 0 | BytePositionInLine: 5." -> the first sentence.
    private static string StripPosition(string message)
    {
        int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at < 0 ? message : message[..at]).TrimEnd('.', ' ');
    }
}
