using Xmmutablemap.Documents;

namespace Xmmutablemap.Serialization.Yaml;

/// <summary>
/// Reads the value of a command-line override (<c>optimizer.lr=3e-4</c>) as a YAML 1.2 core-schema flow node,
/// through the same reader as YAML files: <c>3</c> is an integer, <c>3.0</c> and <c>3e-4</c> floats, <c>true</c>,
/// <c>null</c>, <c>[1, 2]</c>, <c>{x: 1}</c>; quoted text is a string; an empty value is the empty string; and
/// anything that is not a single flow node (<c>a,b</c>, <c>#x</c>, <c>[1, 2</c>) is the plain string it reads as.
/// A value that YAML reads as a number or a collection must keep the data model's rules, as in a file:
/// <c>1e400</c> (overflows), <c>18446744073709551616</c> (out of range) and <c>{x: 1, x: 2}</c> (a duplicate key)
/// are errors, never the string they were typed as; so is quoted text that YAML cannot read (<c>"a\q"</c>, <c>"abc</c>).
/// </summary>
internal static class YamlFlowValue
{
    /// <exception cref="DocumentException">The value is a number or a collection that breaks a rule of the data model,
    /// quoted text that is not one YAML string, or text with a lone surrogate.</exception>
    public static object? Parse(string text)
    {
        if (text.Length == 0) return "";
        // Text from a .NET string, not from UTF-8 bytes: a lone surrogate would pass YamlDotNet's scanner.
        ModelText.CheckString(text, new DocumentPath());
        // YAML would take '#' at the start or after a space for a comment and drop the rest; in an override it is text.
        if (text[0] is not ('"' or '\'') && (text[0] == '#' || text.Contains(" #", StringComparison.Ordinal) || text.Contains("\t#", StringComparison.Ordinal)))
            return text;
        // A number's own rules first: a plain scalar YAML reads as a number that the model cannot hold is an error.
        YamlScalarResolver.ResolvePlain(text, new DocumentPath(), default);
        try
        {
            var map = YamlModelReader.ReadDocument("{v: " + text + "\n}", DocumentLimits.Default);
            if (map.Count == 1 && map.TryGetValue("v", out var value)) return value;
        }
        catch (DocumentException e) when (text[0] is '"' or '\'')
        {
            // Quoted, so meant as a string, but not one YAML reads (an unknown escape, no closing quote): an error,
            // never the text with its quotes and backslashes.
            throw new DocumentException($"the quoted value is not one YAML string ({e.WithPositions(_ => DocumentPosition.None).Reason})", "", default, e);
        }
        catch (DocumentException e) when (e.InnerException is YamlDotNet.Core.YamlException || text[0] is not ('[' or '{'))
        {
            // Not a single flow node (YamlDotNet could not parse it), or a scalar with a tag or alias YAML cannot
            // resolve (!important, *star*): the text itself. A collection that parsed but breaks a rule is an error.
        }
        catch (DocumentException e)
        {
            // Its path and positions are those of the wrapping document: give the path inside the value, no position.
            string inside = e.Path.StartsWith("v.", StringComparison.Ordinal) ? e.Path[2..] : e.Path.Length > 0 ? e.Path[1..] : "";
            throw new DocumentException(e.WithPositions(_ => DocumentPosition.None).Reason, inside, default, e);
        }
        return text;
    }
}
