using System.Buffers;
using System.Text;

namespace Xmmutablemap.Documents;

/// <summary>
/// The data model's rule for text: a string is a sequence of Unicode scalar values, so invalid UTF-8 and
/// lone surrogates are errors, never replaced by U+FFFD.
/// </summary>
public static class ModelText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The reason given for a string holding a lone surrogate.</summary>
    public const string LoneSurrogateReason = "the string contains a lone surrogate, which is not a Unicode scalar value";

    /// <summary>The reason given for bytes that are not UTF-8.</summary>
    public const string InvalidUtf8Reason = "the string is not valid UTF-8";

    /// <summary>Whether <paramref name="text"/> holds a surrogate that is not half of a pair.</summary>
    public static bool HasLoneSurrogate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        int i = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0) return false;
        for (; i < span.Length; i++)
        {
            char c = span[i];
            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1])) i++;
            else if (char.IsSurrogate(c)) return true;
        }
        return false;
    }

    /// <summary>Returns <paramref name="text"/>, or throws when it holds a lone surrogate.</summary>
    /// <exception cref="DocumentException">The text holds a lone surrogate.</exception>
    public static string CheckString(string text, DocumentPath path, DocumentPosition position = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return HasLoneSurrogate(text) ? throw new DocumentException(LoneSurrogateReason, path.ToString(), position) : text;
    }

    /// <summary>Decodes strict UTF-8 in one pass, or returns null when the bytes are not valid UTF-8.</summary>
    public static string? TryDecodeUtf8(ReadOnlySpan<byte> utf8)
    {
        // Short ASCII (most keys and many values) comes from a per-thread cache: repeats share one string.
        if (Internal.AsciiStringCache.GetOrAdd(utf8) is { } cached) return cached;
        if (System.Text.Unicode.Utf8.IsValid(utf8)) return Encoding.UTF8.GetString(utf8);
        return null;
    }

    /// <summary>Decodes strict UTF-8.</summary>
    /// <exception cref="DocumentException">The bytes are not valid UTF-8.</exception>
    public static string DecodeUtf8(ReadOnlySpan<byte> utf8, DocumentPath path, DocumentPosition position = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TryDecodeUtf8(utf8) ?? throw new DocumentException(InvalidUtf8Reason, path.ToString(), position);
    }

    /// <summary>The offset of the first byte that is not part of valid UTF-8, or -1.</summary>
    public static int IndexOfInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var status = System.Text.Unicode.Utf8.ToUtf16(utf8, new char[utf8.Length], out int read, out _, replaceInvalidSequences: false);
        return status == OperationStatus.Done ? -1 : read;
    }

    /// <summary>The UTF-8 byte count of <paramref name="text"/>.</summary>
    /// <exception cref="DocumentException">The text holds a lone surrogate.</exception>
    public static int GetUtf8ByteCount(string text, DocumentPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            throw new DocumentException(LoneSurrogateReason, path.ToString());
        }
    }
}
