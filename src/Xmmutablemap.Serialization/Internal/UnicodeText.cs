using System.Text;

namespace Xmmutablemap.Serialization.Internal;

/// <summary>Strict UTF-8 and UTF-16 checks: the model's strings are Unicode scalar values, so nothing is ever replaced by U+FFFD.</summary>
internal static class UnicodeText
{
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool HasLoneSurrogate(string s)
    {
        var span = s.AsSpan();
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

    /// <summary>Decodes UTF-8 in one pass, or returns null when the bytes are not valid UTF-8 (only bad input pays for the exception).</summary>
    public static string? TryDecode(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
