using Xmmutablemap.Documents;

namespace Xmmutablemap.Serialization.Yaml;

/// <summary>
/// Reads the value of a command-line override (<c>optimizer.lr=3e-4</c>) as a YAML 1.2 core-schema flow node,
/// through the same reader as YAML files: <c>3</c> is an integer, <c>3.0</c> and <c>3e-4</c> floats, <c>true</c>,
/// <c>null</c>, <c>[1, 2]</c>, <c>{x: 1}</c>; quoted text is a string; an empty value is the empty string; and
/// anything that is not a single flow node (<c>a,b</c>, <c>#x</c>) is the plain string it reads as.
/// </summary>
internal static class YamlFlowValue
{
    public static object? Parse(string text)
    {
        if (text.Length == 0) return "";
        // YAML would take '#' at the start or after a space for a comment and drop the rest; in an override it is text.
        if (text[0] is not ('"' or '\'') && (text[0] == '#' || text.Contains(" #", StringComparison.Ordinal) || text.Contains("\t#", StringComparison.Ordinal)))
            return ModelText.CheckString(text, new DocumentPath());
        try
        {
            var map = YamlModelReader.ReadDocument("{v: " + text + "\n}", DocumentLimits.Default);
            if (map.Count == 1 && map.TryGetValue("v", out var value)) return value;
        }
        catch (DocumentException)
        {
            // not a single flow node: the text itself
        }
        return ModelText.CheckString(text, new DocumentPath());
    }
}
