using System.Buffers;
using System.Text.Json;
using Xmmutablemap.Documents;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization.Json;

/// <summary>
/// Reads JSON into model values with Utf8JsonReader, through the model rules of <see cref="Xmmutablemap.Documents"/>:
/// integer syntax gives an integer, a fraction or exponent a float; duplicate keys, overflowing numbers, lone
/// surrogates and excess depth are errors (System.Text.Json itself would accept the first three).
/// </summary>
internal static class JsonModelReader
{
    public static ImmutableMap<string, object?> ReadDocument(ReadOnlySpan<byte> utf8, DocumentLimits limits)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            // Our own depth check reports first, with a path; this only backs it up.
            MaxDepth = limits.MaxDepth + 1,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
        var path = new DocumentPath();
        try
        {
            if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) throw Error("a UTF-8 byte order mark is not allowed in JSON", path, ref reader);
            if (!reader.Read()) throw Error("the document is empty", path, ref reader);
            if (reader.TokenType != JsonTokenType.StartObject) throw Error($"the top level must be an object, not {Describe(reader.TokenType)}", path, ref reader);
            var map = (ImmutableMap<string, object?>)ReadValue(ref reader, path, limits)!;
            if (reader.Read()) throw Error("there is more data after the document", path, ref reader);
            return map;
        }
        catch (DocumentException e) when (e.Position.Line is null && e.Position.ByteOffset is not null)
        {
            var text = utf8.ToArray();
            throw e.WithPositions(p => p.ByteOffset is { } offset ? LineAndColumn(text, offset) : p);
        }
        catch (JsonException e)
        {
            // The reader's own syntax errors carry a 0-based line and byte position in the line.
            var position = DocumentPosition.AtLine((e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
            throw new DocumentException(StripPosition(e.Message), path.ToString(), position, e);
        }
    }

    /// <summary>Reads the value at the reader's current token; on return the reader is on the value's last token.</summary>
    public static object? ReadValue(ref Utf8JsonReader reader, DocumentPath path, DocumentLimits limits)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return null;
            case JsonTokenType.True: return ModelNumbers.Bool(true);
            case JsonTokenType.False: return ModelNumbers.Bool(false);
            case JsonTokenType.String: return ReadString(ref reader, path);
            case JsonTokenType.Number:
                // Integer syntax that fits a long, the common case; TryGetInt64 refuses a fraction or an exponent.
                if (reader.TryGetInt64(out long common)) return ModelNumbers.Integer(common);
                return ModelNumbers.ParseNumber(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan, path, Here(ref reader));
            case JsonTokenType.StartArray:
            {
                limits.EnterCollection(path, Here(ref reader));
                var items = DocumentListBuilder.Rent();
                path.PushIndex(0);
                while (true)
                {
                    Next(ref reader, path);
                    if (reader.TokenType == JsonTokenType.EndArray) break;
                    path.SetIndex(items.Count);
                    items.Add(ReadValue(ref reader, path, limits));
                }
                path.Pop();
                return items.ToImmutable();
            }
            case JsonTokenType.StartObject:
            {
                limits.EnterCollection(path, Here(ref reader));
                var map = DocumentMapBuilder.Rent();
                while (true)
                {
                    Next(ref reader, path);
                    if (reader.TokenType == JsonTokenType.EndObject) break;
                    var keyPosition = Here(ref reader);
                    string key = ReadString(ref reader, path);
                    path.PushKey(key);
                    Next(ref reader, path);
                    var value = ReadValue(ref reader, path, limits);
                    path.Pop();
                    map.Add(key, value, path, keyPosition);
                }
                return map.ToMap(path);
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
            // Invalid UTF-8, or an escape that leaves a lone surrogate: not a string of Unicode scalar values.
            throw new DocumentException("the string is not valid Unicode (invalid UTF-8 or a lone surrogate escape)", path.ToString(), Here(ref reader), e);
        }
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

    // A byte offset for now: ReadDocument turns it into a line and column once, on failure.
    private static DocumentPosition Here(ref Utf8JsonReader reader) => DocumentPosition.AtByte(reader.TokenStartIndex);

    private static DocumentException Error(string reason, DocumentPath path, ref Utf8JsonReader reader)
        => new(reason, path.ToString(), Here(ref reader));

    private static DocumentPosition LineAndColumn(byte[] utf8, long offset)
    {
        var (line, column) = TextPosition.At(utf8, offset);
        return DocumentPosition.AtLine(line, column);
    }

    // "'x' is invalid after a single JSON value. LineNumber: 0 | BytePositionInLine: 5." -> the first sentence,
    // without System.Text.Json's advice to its own callers ("Change the reader options"), which means nothing to
    // someone fixing a config file.
    private static string StripPosition(string message)
    {
        int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        string text = (at < 0 ? message : message[..at]).TrimEnd('.', ' ');
        int advice = text.IndexOf(". Change the reader options", StringComparison.Ordinal);
        if (advice >= 0) text = text[..advice];
        return text.Replace("which is not supported in this mode", "which JSON does not allow", StringComparison.Ordinal);
    }
}
