using System.Buffers;
using System.Runtime.CompilerServices;
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
        ArgumentNullException.ThrowIfNull(limits);
        var reader = new Utf8JsonReader(utf8, ReaderOptions(limits));
        var path = new DocumentPath();
        try
        {
            return ReadRoot(ref reader, utf8, path, limits, window: null);
        }
        catch (DocumentException e) when (e.Position.Line is null && e.Position.ByteOffset is not null)
        {
            var text = utf8.ToArray();
            throw e.WithPositions(p => p.ByteOffset is { } offset ? DocumentPosition.FromByteOffset(text, offset) : p);
        }
        catch (JsonException e)
        {
            throw FromReader(e, path);
        }
    }

    /// <summary>
    /// Reads a whole JSON document from a seekable stream (a file), a window at a time, so that a large file is
    /// never held whole while its tree is built; the result and every error are those of the span overload.
    /// </summary>
    /// <param name="utf8">The UTF-8 text from its current position to its end, without a byte order mark. It must be
    /// seekable: on an error it is read again up to the error, to give the line and column.</param>
    /// <param name="limits">Depth, size and count limits.</param>
    /// <param name="bufferSize">The window's starting size in bytes; it grows when one token is larger.</param>
    /// <returns>The map, with nested objects as maps and arrays as <c>ImmutableArray&lt;object?&gt;</c>.</returns>
    /// <exception cref="ArgumentException">The stream cannot seek.</exception>
    /// <exception cref="DocumentException">The text is not valid JSON, breaks a model rule or a limit; it names the path, line and column.</exception>
    /// <example>
    /// <code>
    /// using var file = File.OpenRead("large.json");
    /// var config = JsonModelReader.ReadDocument(file, DocumentLimits.Default);
    /// </code>
    /// </example>
    public static ImmutableMap<string, object?> ReadDocument(Stream utf8, DocumentLimits limits, int bufferSize = 64 * 1024)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(limits);
        if (!utf8.CanSeek) throw new ArgumentException("The stream must be seekable; read it into memory and use the span overload.", nameof(utf8));
        long start = utf8.Position;
        var window = new JsonStreamWindow(utf8, bufferSize);
        var reader = window.Start(ReaderOptions(limits));
        var path = new DocumentPath();
        try
        {
            return ReadRoot(ref reader, window.Current, path, limits, window);
        }
        catch (DocumentException e) when (e.Position.Line is null && e.Position.ByteOffset is not null)
        {
            // Lines are counted only on failure: read the text again up to the error.
            throw e.WithPositions(p => p.ByteOffset is { } offset ? LineAndColumn(utf8, start, offset) : p);
        }
        catch (JsonException e)
        {
            throw FromReader(e, path);
        }
    }

    private static DocumentPosition LineAndColumn(Stream stream, long start, long offset)
    {
        stream.Position = start;
        var before = new byte[offset];
        int read = stream.ReadAtLeast(before, before.Length, throwOnEndOfStream: false);
        return DocumentPosition.FromByteOffset(before.AsSpan(0, read), read);
    }

    private static JsonReaderOptions ReaderOptions(DocumentLimits limits) => new()
    {
        // Our own depth check reports first, with a path; this only backs it up.
        MaxDepth = limits.MaxDepth + 1,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    // The reader's own syntax errors carry a 0-based line and byte position in the line.
    private static DocumentException FromReader(JsonException e, DocumentPath path)
    {
        var position = DocumentPosition.AtLine((e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
        return new DocumentException(StripPosition(e.Message), path.ToString(), position, e);
    }

    private static ImmutableMap<string, object?> ReadRoot(ref Utf8JsonReader reader, ReadOnlySpan<byte> first, DocumentPath path, DocumentLimits limits, JsonStreamWindow? window)
    {
        if (first.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) throw Error("a UTF-8 byte order mark is not allowed in JSON", path, ref reader, window);
        if (!Read(ref reader, window)) throw Error("the document is empty", path, ref reader, window);
        if (reader.TokenType != JsonTokenType.StartObject) throw Error($"the top level must be an object, not {Describe(reader.TokenType)}", path, ref reader, window);
        var map = (ImmutableMap<string, object?>)ReadValue(ref reader, path, limits, window)!;
        if (Read(ref reader, window)) throw Error("there is more data after the document", path, ref reader, window);
        return map;
    }

    // Reads the next token, refilling a stream's window as often as it takes.
    private static bool Read(ref Utf8JsonReader reader, JsonStreamWindow? window)
    {
        while (!reader.Read())
        {
            if (window is null || !window.Refill(ref reader)) return false;
        }
        return true;
    }

    /// <summary>Reads the value at the reader's current token; on return the reader is on the value's last token.</summary>
    /// <param name="reader">A reader positioned on the value's first token.</param>
    /// <param name="path">The value's path in the document, for errors; it is the same on return.</param>
    /// <param name="limits">Depth, size and count limits.</param>
    /// <returns>A model value: null, bool, long/ulong, double, string, a map or a list.</returns>
    /// <exception cref="DocumentException">The value breaks a model rule or a limit; its position is a byte offset from the reader's start.</exception>
    public static object? ReadValue(ref Utf8JsonReader reader, DocumentPath path, DocumentLimits limits) => ReadValue(ref reader, path, limits, window: null);

    // The hot path, once per value, stays small: collections, numbers that are not plain integers and errors are in
    // methods of their own, so that this frame neither grows nor zeroes their locals on every scalar (inlined,
    // they made each call zero 240 bytes of stack). Unlike MessagePack's reader, no gain was measurable here:
    // Utf8JsonReader's own work dominates. Kept so both readers have the same shape.
    private static object? ReadValue(ref Utf8JsonReader reader, DocumentPath path, DocumentLimits limits, JsonStreamWindow? window)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return null;
            case JsonTokenType.True: return ModelNumbers.Bool(true);
            case JsonTokenType.False: return ModelNumbers.Bool(false);
            case JsonTokenType.String: return ReadString(ref reader, path, window);
            case JsonTokenType.Number:
                // Integer syntax that fits a long, the common case; TryGetInt64 refuses a fraction or an exponent.
                if (reader.TryGetInt64(out long common)) return ModelNumbers.Integer(common);
                return ReadOtherNumber(ref reader, path, window);
            case JsonTokenType.StartArray: return ReadArray(ref reader, path, limits, window);
            case JsonTokenType.StartObject: return ReadObject(ref reader, path, limits, window);
            default: throw Unexpected(ref reader, path, window);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static object ReadOtherNumber(ref Utf8JsonReader reader, DocumentPath path, JsonStreamWindow? window) =>
        ModelNumbers.ParseNumber(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan, path, Here(ref reader, window));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DocumentException Unexpected(ref Utf8JsonReader reader, DocumentPath path, JsonStreamWindow? window) =>
        Error($"unexpected {Describe(reader.TokenType)}", path, ref reader, window);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static object ReadArray(ref Utf8JsonReader reader, DocumentPath path, DocumentLimits limits, JsonStreamWindow? window)
    {
        limits.EnterCollection(path, Here(ref reader, window));
        var items = DocumentListBuilder.Rent();
        path.PushIndex(0);
        while (true)
        {
            Next(ref reader, path, window);
            if (reader.TokenType == JsonTokenType.EndArray) break;
            path.SetIndex(items.Count);
            items.Add(ReadValue(ref reader, path, limits, window));
        }
        path.Pop();
        return items.ToImmutable();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static object ReadObject(ref Utf8JsonReader reader, DocumentPath path, DocumentLimits limits, JsonStreamWindow? window)
    {
        limits.EnterCollection(path, Here(ref reader, window));
        var map = DocumentMapBuilder.Rent();
        while (true)
        {
            Next(ref reader, path, window);
            if (reader.TokenType == JsonTokenType.EndObject) break;
            var keyPosition = Here(ref reader, window);
            string key = ReadString(ref reader, path, window);
            path.PushKey(key);
            Next(ref reader, path, window);
            var value = ReadValue(ref reader, path, limits, window);
            path.Pop();
            map.Add(key, value, path, keyPosition);
        }
        return map.ToMap(path);
    }

    private static void Next(ref Utf8JsonReader reader, DocumentPath path, JsonStreamWindow? window)
    {
        if (!Read(ref reader, window)) throw Error("the document ends too early", path, ref reader, window);
    }

    private static string ReadString(ref Utf8JsonReader reader, DocumentPath path, JsonStreamWindow? window)
    {
        // Unescaped short ASCII (most keys) from the per-thread cache, so repeated keys share one string.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && Internal.AsciiStringCache.GetOrAdd(reader.ValueSpan) is { } cached) return cached;
        return DecodeString(ref reader, path, window);
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // its exception handler stays out of the callers' frames
    private static string DecodeString(ref Utf8JsonReader reader, DocumentPath path, JsonStreamWindow? window)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // Invalid UTF-8, or an escape that leaves a lone surrogate: not a string of Unicode scalar values.
            throw new DocumentException("the string is not valid Unicode (invalid UTF-8 or a lone surrogate escape)", path.ToString(), Here(ref reader, window), e);
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
    private static DocumentPosition Here(ref Utf8JsonReader reader, JsonStreamWindow? window) => DocumentPosition.AtByte((window?.Offset ?? 0) + reader.TokenStartIndex);

    private static DocumentException Error(string reason, DocumentPath path, ref Utf8JsonReader reader, JsonStreamWindow? window)
        => new(reason, path.ToString(), Here(ref reader, window));

    // "'x' is invalid after a single JSON value. LineNumber: 0 | BytePositionInLine: 5." -> the first sentence,
    // without System.Text.Json's advice to its own callers ("Change the reader options"), which means nothing to
    // someone fixing a config file.
    // The searches run from the end: a message that quotes the document may hold any of these phrases earlier.
    private static string StripPosition(string message)
    {
        int at = message.LastIndexOf(" LineNumber:", StringComparison.Ordinal);
        string text = (at < 0 ? message : message[..at]).TrimEnd('.', ' ');
        int advice = text.LastIndexOf(". Change the reader options", StringComparison.Ordinal);
        if (advice >= 0) text = text[..advice];
        return ShortenLiteral(text).Replace("which is not supported in this mode", "which JSON does not allow", StringComparison.Ordinal);
    }

    private const string InvalidLiteral = "' is an invalid JSON literal. Expected the literal '";

    // "'tru, "b": ...' is an invalid JSON literal. Expected the literal 'true'": System.Text.Json quotes all the text
    // it holds from the literal on, which is the rest of the document when it is read whole (a 200 MB message) and
    // the rest of the window when read from a file. Quote the literal only up to its first wrong character, where the
    // reported column points, so the message is short and the same however the text was read.
    private static string ShortenLiteral(string text)
    {
        int marker = text.LastIndexOf(InvalidLiteral, StringComparison.Ordinal);
        if (marker < 1 || text[0] != '\'') return text;
        string found = text[1..marker];
        string expected = text[(marker + InvalidLiteral.Length)..].TrimEnd('\'');
        int same = 0;
        while (same < found.Length && same < expected.Length && found[same] == expected[same]) same++;
        // The wrong character is shown too when it is printable ASCII and not punctuation that ends a token. Not
        // beyond ASCII: a window's edge may cut its UTF-8 bytes, which System.Text.Json then quotes as U+FFFD.
        bool showWrong = same < found.Length && found[same] is > ' ' and < '\x7f' && ",:]}[{\"".IndexOf(found[same]) < 0;
        return $"'{found[..(showWrong ? same + 1 : same)]}{InvalidLiteral}{expected}'";
    }
}
