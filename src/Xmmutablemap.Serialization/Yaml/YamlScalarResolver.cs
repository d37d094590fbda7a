using System.Text.RegularExpressions;
using Xmmutablemap.Documents;

namespace Xmmutablemap.Serialization.Yaml;

/// <summary>
/// The YAML 1.2 core schema for plain scalars on the way in (numbers through the model's own number rules),
/// and on the way out the test for strings that may be written plain because no YAML 1.1 or 1.2 reader would
/// take them for anything else.
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
    /// <exception cref="DocumentException">A number is out of the model's range.</exception>
    public static (Kind Kind, object? Value) ResolvePlain(string text, DocumentPath path, DocumentPosition position)
    {
        // Most plain scalars (keys, names) start with a letter that no number, boolean or null starts with:
        // they are strings without a look at any pattern.
        if (text.Length > 0 && char.IsAsciiLetter(text[0]) && text[0] is not ('t' or 'T' or 'f' or 'F' or 'n' or 'N')) return (Kind.String, text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return (Kind.Null, null);
            case "true" or "True" or "TRUE": return (Kind.Bool, ModelNumbers.Bool(true));
            case "false" or "False" or "FALSE": return (Kind.Bool, ModelNumbers.Bool(false));
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF": return (Kind.Float, double.PositiveInfinity);
            case "-.inf" or "-.Inf" or "-.INF": return (Kind.Float, double.NegativeInfinity);
            case ".nan" or ".NaN" or ".NAN": return (Kind.Float, double.NaN);
        }
        if (DecimalInteger().IsMatch(text)) return (Kind.Integer, ModelNumbers.ParseInteger(text, path, position));
        if (OctalInteger().IsMatch(text)) return (Kind.Integer, Radix(text, 3, path, position));
        if (HexInteger().IsMatch(text)) return (Kind.Integer, Radix(text, 4, path, position));
        if (Float().IsMatch(text)) return (Kind.Float, ModelNumbers.ParseFloat(text, path, position));
        return (Kind.String, text);
    }

    /// <summary>Whether a plain scalar is null (for the type converter's null maps).</summary>
    public static bool IsNull(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Reads text tagged <c>!!int</c>.</summary>
    public static object ResolveInt(string text, DocumentPath path, DocumentPosition position)
    {
        var (kind, value) = ResolvePlain(text, path, position);
        return kind == Kind.Integer ? value! : throw new DocumentException($"{DocumentException.Excerpt(ModelValue.Format(text))} is not an integer", path.ToString(), position);
    }

    /// <summary>Reads text tagged <c>!!float</c>: any number or the special float names.</summary>
    public static object ResolveFloat(string text, DocumentPath path, DocumentPosition position)
    {
        if (DecimalInteger().IsMatch(text)) return ModelNumbers.ParseFloat(text, path, position);
        var (kind, value) = ResolvePlain(text, path, position);
        return kind == Kind.Float ? value! : throw new DocumentException($"{DocumentException.Excerpt(ModelValue.Format(text))} is not a float", path.ToString(), position);
    }

    public static bool CanBePlain(string text) => PlainSafe().IsMatch(text) && !Reserved.Contains(text);

    // 0o17 and 0x1f: bits per digit 3 or 4; the model's range is checked before each shift.
    private static object Radix(string text, int bitsPerDigit, DocumentPath path, DocumentPosition position)
    {
        ulong value = 0;
        foreach (char c in text.AsSpan(2))
        {
            if (value > (ulong.MaxValue >> bitsPerDigit))
                throw new DocumentException(ModelNumbers.IntegerOutOfRangeReason(text), path.ToString(), position);
            value = (value << bitsPerDigit) | (uint)(char.IsAsciiDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
        }
        return ModelNumbers.Integer(value);
    }
}
