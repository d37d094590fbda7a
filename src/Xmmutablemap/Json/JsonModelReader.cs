using System.Buffers;
using System.Text.Json;
using Xmmutablemap.Documents;

namespace Xmmutablemap.Json;

/// <summary>
/// Reads JSON into model values with Utf8JsonReader, through the model rules of <see cref="Xmmutablemap.Documents"/>:
/// integer syntax gives an integer, a fraction or exponent a float; duplicate keys, overflowing numbers, lone
/// surrogates and excess depth are errors (System.Text.Json itself would accept the first three).
/// </summary>
/// <remarks>
/// The building block under <see cref="ImmutableMapJsonConverter{TKey, TValue}"/> and the JSON format of
/// Xmmutablemap.Serialization, public so that code with its own <see cref="Utf8JsonReader"/> (a custom converter, a
/// streaming envelope) reads a map by the same rules. Failures are <see cref="DocumentException"/>s; turn one into a
/// <see cref="JsonException"/> with <see cref="DocumentExceptionJsonExtensions.ToJsonException"/>.
/// </remarks>
/// <example>
/// <code>
/// var config = JsonModelReader.ReadDocument("{\"lr\": 0.1, \"epochs\": 3}"u8, DocumentLimits.Default);
/// // config["epochs"] is a long, config["lr"] a double
/// </code>
/// </example>
public static class JsonModelReader
{
    /// <summary>Reads a whole JSON document, whose top level must be an object, into a map.</summary>
    /// <param name="utf8">The UTF-8 text, without a byte order mark.</param>
    /// <param name="limits">Depth, size and count limits.</param>
    /// <returns>The map, with nested objects as maps and arrays as <c>ImmutableArray&lt;object?&gt;</c>.</returns>
    /// <exception cref="DocumentException">The text is not valid JSON, breaks a model rule or a limit; it names the path, line and column.</exception>
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
            throw e.WithPositions(p => p.ByteOffset is { } offset ? DocumentPosition.FromByteOffset(text, offset) : p);
        }
        catch (JsonException e)
        {
            // The reader's own syntax errors carry a 0-based line and byte position in the line.
            var position = DocumentPosition.AtLine((e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
            throw new DocumentException(StripPosition(e.Message), path.ToString(), position, e);
        }
    }

    /// <summary>Reads the value at the reader's current token; on return the reader is on the value's last token.</summary>
    /// <param name="reader">A reader positioned on the value's first token.</param>
    /// <param name="path">The value's path in the document, for errors; it is the same on return.</param>
    /// <param name="limits">Depth, size and count limits.</param>
    /// <returns>A model value: null, bool, long/ulong, double, string, a map or a list.</returns>
    /// <exception cref="DocumentException">The value breaks a model rule or a limit; its position is a byte offset from the reader's start.</exception>
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
        // Unescaped short ASCII (most keys) from the per-thread cache, so repeated keys share one string.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && Internal.AsciiStringCache.GetOrAdd(reader.ValueSpan) is { } cached) return cached;
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
