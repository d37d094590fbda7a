using System.Globalization;
using System.Text.RegularExpressions;

namespace Xmmutablemap.Serialization.Yaml;

/// <summary>
/// The YAML 1.2 core schema for plain scalars on the way in, and on the way out the test for strings
/// that may be written plain because no YAML 1.1 or 1.2 reader would take them for anything else.
/// </summary>
internal static partial class YamlScalarResolver
{
    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex OctalInteger();

    [GeneratedRegex("^0x[0-9a-fA-F]+$")]
    private static partial Regex HexInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();

    // A conservative plain-safe string: starts with a letter or '_' and continues with word characters,
    // '.', '-' or '/'. The reserved words below are excluded, so PyYAML (1.1) and 1.2 readers agree.
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_./-]*$")]
    private static partial Regex PlainSafe();

    // YAML 1.1 booleans and nulls (any of these case variants), plus the 1.2 ones.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
        "null", "Null", "NULL",
    };

    public enum Kind { Null, Bool, Integer, Float, String }

    /// <summary>Resolves a plain scalar by the YAML 1.2 core schema.</summary>
    /// <returns>The kind, and the value or a reason it is out of range.</returns>
    public static (Kind Kind, object? Value, string? Error) ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return (Kind.Null, null, null);
            case "true" or "True" or "TRUE": return (Kind.Bool, Internal.Boxes.True, null);
            case "false" or "False" or "FALSE": return (Kind.Bool, Internal.Boxes.False, null);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF": return (Kind.Float, double.PositiveInfinity, null);
            case "-.inf" or "-.Inf" or "-.INF": return (Kind.Float, double.NegativeInfinity, null);
            case ".nan" or ".NaN" or ".NAN": return (Kind.Float, double.NaN, null);
        }
        if (DecimalInteger().IsMatch(text)) return Integer(text, NumberStyles.AllowLeadingSign, text);
        if (OctalInteger().IsMatch(text)) return Octal(text);
        if (HexInteger().IsMatch(text)) return Integer(text[2..], NumberStyles.AllowHexSpecifier, text);
        if (Float().IsMatch(text)) return ParseFloat(text);
        return (Kind.String, text, null);
    }

    /// <summary>Reads text tagged <c>!!int</c>.</summary>
    public static (Kind Kind, object? Value, string? Error) ResolveInt(string text)
    {
        var (kind, value, error) = ResolvePlain(text);
        return kind == Kind.Integer || error is not null ? (kind, value, error) : (kind, null, $"{Quote(text)} is not an integer");
    }

    /// <summary>Reads text tagged <c>!!float</c>: any number or the special float names.</summary>
    public static (Kind Kind, object? Value, string? Error) ResolveFloat(string text)
    {
        var (kind, value, error) = ResolvePlain(text);
        if (error is not null) return (kind, value, error);
        if (kind == Kind.Float) return (kind, value, null);
        if (kind == Kind.Integer && DecimalInteger().IsMatch(text)) return ParseFloat(text);
        return (kind, null, $"{Quote(text)} is not a float");
    }

    public static bool CanBePlain(string text) => PlainSafe().IsMatch(text) && !Reserved.Contains(text);

    private static (Kind, object?, string?) Integer(string digits, NumberStyles style, string original)
    {
        if (style == NumberStyles.AllowLeadingSign)
        {
            if (long.TryParse(digits, style, CultureInfo.InvariantCulture, out long l)) return (Kind.Integer, Internal.Boxes.Integer(l), null);
            if (ulong.TryParse(digits.TrimStart('+'), NumberStyles.None, CultureInfo.InvariantCulture, out ulong u)) return (Kind.Integer, u, null);
        }
        else if (ulong.TryParse(digits, style, CultureInfo.InvariantCulture, out ulong u))
        {
            return (Kind.Integer, u <= long.MaxValue ? (long)u : u, null);
        }
        return (Kind.Integer, null, $"the integer {original} is outside the range -2^63..2^64-1");
    }

    private static (Kind, object?, string?) Octal(string text)
    {
        ulong value = 0;
        foreach (char c in text.AsSpan(2))
        {
            if (value > (ulong.MaxValue >> 3)) return (Kind.Integer, null, $"the integer {text} is outside the range -2^63..2^64-1");
            value = (value << 3) | (uint)(c - '0');
        }
        return (Kind.Integer, value <= long.MaxValue ? (long)value : value, null);
    }

    private static (Kind, object?, string?) ParseFloat(string text)
    {
        double d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsInfinity(d) ? (Kind.Float, null, $"the number {text} overflows a 64-bit float") : (Kind.Float, d, null);
    }

    private static string Quote(string text) => ModelValue.Format(text);
}
