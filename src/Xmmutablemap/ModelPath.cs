using System.Text;

namespace Xmmutablemap;

/// <summary>
/// Builds the paths that name a place inside a nested map: <c>optimizer.lr</c>, <c>layers[2].size</c>,
/// <c>labels["a.b"]</c>. Error messages, tree helpers and format converters all use this one spelling.
/// </summary>
public static class ModelPath
{
    /// <summary>The path of the document's top level: the empty string.</summary>
    public const string Root = "";

    /// <summary>The path of the entry with <paramref name="key"/> in the map at <paramref name="parent"/>.</summary>
    /// <remarks>String keys that are plain identifiers are joined with a dot; any other string key is
    /// written <c>["..."]</c> with JSON escapes; integer keys are written <c>[n]</c>.</remarks>
    public static string Key(string parent, object key)
    {
        if (key is string s)
        {
            if (IsPlain(s)) return parent.Length == 0 ? s : parent + "." + s;
            return parent + "[" + Internal.ModelFormatter.Quote(s) + "]";
        }
        return parent + "[" + Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) + "]";
    }

    /// <summary>The path of element <paramref name="index"/> of the list at <paramref name="parent"/>.</summary>
    public static string Index(string parent, int index) => parent + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    /// <summary>How a path is shown in a message: the root is shown as <c>(root)</c>.</summary>
    public static string Display(string path) => path.Length == 0 ? "(root)" : path;

    private static bool IsPlain(string s)
    {
        if (s.Length == 0 || char.IsAsciiDigit(s[0])) return false;
        foreach (char c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-') return false;
        }
        return true;
    }
}
