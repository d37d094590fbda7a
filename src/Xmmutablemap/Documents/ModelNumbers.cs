using System.Buffers.Text;
using System.Globalization;

namespace Xmmutablemap.Documents;

/// <summary>
/// The data model's rules for numbers, as readers produce them: an integer is held as a <see cref="long"/>, and
/// as a <see cref="ulong"/> only above <see cref="long.MaxValue"/>; anything outside -2^63..2^64-1 is an error;
/// a float is a finite or infinite <see cref="double"/>, and text that overflows a double is an error (never
/// silently infinity). Booleans and small integers come from shared boxes, which saves readers most of
/// their allocations for them.
/// </summary>
/// <example>
/// <code>
/// ModelNumbers.Integer(7UL);                                     // (object)7L
/// ModelNumbers.ParseNumber("1e400"u8, path, at);                  // DocumentException: overflows a 64-bit float
/// ModelNumbers.ParseNumber("18446744073709551615"u8, path, at);   // (object)ulong.MaxValue
/// </code>
/// </example>
public static class ModelNumbers
{
    private const long MinBoxed = -128, MaxBoxed = 1023;
    private static readonly object[] Boxed = Enumerable.Range((int)MinBoxed, (int)(MaxBoxed - MinBoxed + 1)).Select(i => (object)(long)i).ToArray();
    private static readonly object TrueBox = true, FalseBox = false;

    /// <summary>A boxed boolean, shared.</summary>
    public static object Bool(bool value) => value ? TrueBox : FalseBox;

    /// <summary>The model integer <paramref name="value"/>, boxed (shared boxes for small values).</summary>
    public static object Integer(long value) => value is >= MinBoxed and <= MaxBoxed ? Boxed[value - MinBoxed] : value;

    /// <summary>The model integer <paramref name="value"/>: a <see cref="long"/>, or a <see cref="ulong"/> above <see cref="long.MaxValue"/>.</summary>
    public static object Integer(ulong value) => value <= long.MaxValue ? Integer((long)value) : value;

    /// <summary>The model integer <paramref name="value"/>, or false when it is outside -2^63..2^64-1.</summary>
    public static bool TryInteger(Int128 value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? integer)
    {
        if (value >= long.MinValue && value <= long.MaxValue) integer = Integer((long)value);
        else if (value > long.MaxValue && value <= ulong.MaxValue) integer = (ulong)value;
        else integer = null;
        return integer is not null;
    }

    /// <summary>The reason given for an integer outside the model's range.</summary>
    public static string IntegerOutOfRangeReason(string text) => $"the integer {DocumentException.Excerpt(text)} is outside the range -2^63..2^64-1";

    /// <summary>The reason given for a float that overflows a double.</summary>
    public static string FloatOverflowReason(string text) => $"the number {DocumentException.Excerpt(text)} overflows a 64-bit float";

    /// <summary>
    /// Reads number text in JSON's grammar (already checked by the caller's parser): integer syntax gives a
    /// model integer, a fraction or an exponent gives a float (<c>1.0</c> stays a float).
    /// </summary>
    /// <exception cref="DocumentException">The integer is out of range, or the float overflows.</exception>
    public static object ParseNumber(ReadOnlySpan<byte> utf8, DocumentPath path, DocumentPosition position = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (utf8.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            if (Utf8Parser.TryParse(utf8, out long l, out int used) && used == utf8.Length) return Integer(l);
            if (Utf8Parser.TryParse(utf8, out ulong u, out used) && used == utf8.Length) return Integer(u);
            throw new DocumentException(IntegerOutOfRangeReason(System.Text.Encoding.UTF8.GetString(utf8)), path.ToString(), position);
        }
        return ParseFloat(utf8, path, position);
    }

    /// <inheritdoc cref="ParseNumber(ReadOnlySpan{byte}, DocumentPath, DocumentPosition)"/>
    public static object ParseNumber(ReadOnlySpan<char> text, DocumentPath path, DocumentPosition position = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return text.IndexOfAny('.', 'e', 'E') < 0 ? ParseInteger(text, path, position) : ParseFloat(text, path, position);
    }

    /// <summary>Reads a decimal integer with an optional sign.</summary>
    /// <exception cref="DocumentException">The text is not an integer, or is out of range.</exception>
    public static object ParseInteger(ReadOnlySpan<char> text, DocumentPath path, DocumentPosition position = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var unsigned = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        if (unsigned.IsEmpty || unsigned.ContainsAnyExceptInRange('0', '9'))
            throw new DocumentException($"{DocumentException.Excerpt(ModelValue.Format(text.ToString()))} is not an integer", path.ToString(), position);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return Integer(l);
        var digits = text.Length > 0 && text[0] == '+' ? text[1..] : text;
        if (ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out ulong u)) return Integer(u);
        throw new DocumentException(IntegerOutOfRangeReason(text.ToString()), path.ToString(), position);
    }

    /// <summary>Reads float text (<c>1.5</c>, <c>.5</c>, <c>1e-3</c>) as a double.</summary>
    /// <exception cref="DocumentException">The text is not a number, or overflows a double.</exception>
    public static double ParseFloat(ReadOnlySpan<char> text, DocumentPath path, DocumentPosition position = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            throw new DocumentException($"{DocumentException.Excerpt(text.ToString())} is not a number", path.ToString(), position);
        return double.IsInfinity(d) ? throw new DocumentException(FloatOverflowReason(text.ToString()), path.ToString(), position) : d;
    }

    private static double ParseFloat(ReadOnlySpan<byte> utf8, DocumentPath path, DocumentPosition position)
    {
        if (TryParseShortDecimal(utf8, out double fast)) return fast;
        if (!double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            throw new DocumentException($"{DocumentException.Excerpt(System.Text.Encoding.UTF8.GetString(utf8))} is not a number", path.ToString(), position);
        return double.IsInfinity(d) ? throw new DocumentException(FloatOverflowReason(System.Text.Encoding.UTF8.GetString(utf8)), path.ToString(), position) : d;
    }

    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>
    /// Plain decimals of at most 15 digits (<c>-0.0125</c>, the usual float in a config), without the general
    /// parser: the digits as an integer (below 2^53, so exact) divided by a power of ten (exact up to 10^22) is
    /// the correctly rounded value, because one IEEE division rounds correctly (Clinger's fast path). Anything
    /// else (exponents, more digits) is left to <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>.
    /// </summary>
    private static bool TryParseShortDecimal(ReadOnlySpan<byte> utf8, out double value)
    {
        value = 0;
        int at = utf8.Length > 0 && utf8[0] == (byte)'-' ? 1 : 0;
        int point = -1, digits = 0;
        ulong mantissa = 0;
        for (; at < utf8.Length; at++)
        {
            uint digit = (uint)(utf8[at] - '0');
            if (digit <= 9)
            {
                mantissa = mantissa * 10 + digit;
                digits++;
            }
            else if (utf8[at] == (byte)'.' && point < 0) point = digits;
            else return false;
        }
        if (point <= 0 || point == digits || digits > 15) return false; // needs digits on both sides of one point
        value = mantissa / PowersOfTen[digits - point];
        if (utf8[0] == (byte)'-') value = -value;
        return true;
    }
}
