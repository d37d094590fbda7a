using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Xmmutablemap;

/// <summary>
/// Builds and parses the paths that name a place inside a nested map: <c>optimizer.lr</c>, <c>layers[2].size</c>,
/// <c>labels["a.b"]</c> (JSON string escapes), <c>[3]</c> (a list index or an integer key). Error messages, tree
/// helpers, format converters and the path API all use this one spelling, and <see cref="Parse"/> reads
/// exactly what the builders write.
/// </summary>
/// <example>
/// <code>
/// var segments = ModelPath.Parse("model.layers[2][\"a.b\"]");   // model, layers, 2, "a.b"
/// ModelPath.Format(segments);                                   // model.layers[2]["a.b"]
/// </code>
/// </example>
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

    /// <summary>Parses a path into its segments; the empty string is the top level.</summary>
    /// <exception cref="FormatException">The path is malformed; the message names the column (1-based).</exception>
    public static ImmutableArray<PathSegment> Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TryParse(path, out var segments, out string? error) ? segments : throw new FormatException(error);
    }

    /// <summary>Parses a path into its segments, or returns false and why (with the 1-based column).</summary>
    public static bool TryParse(string path, out ImmutableArray<PathSegment> segments, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        var builder = ImmutableArray.CreateBuilder<PathSegment>();
        segments = default;
        int i = 0;
        while (i < path.Length)
        {
            char c = path[i];
            if (c == '[')
            {
                if (!TryBracket(path, ref i, builder, out error)) return false;
                continue;
            }
            if (c == '.')
            {
                if (builder.Count == 0) return Fail(path, i, "a path cannot start with '.'", out error);
                i++;
                if (i == path.Length || !IsNameChar(path[i])) return Fail(path, i, "expected a key after '.'", out error);
            }
            else if (builder.Count > 0)
            {
                return Fail(path, i, $"unexpected '{c}'; keys are joined with '.' or written [\"...\"]", out error);
            }
            int start = i;
            while (i < path.Length && IsNameChar(path[i])) i++;
            if (i == start) return Fail(path, i, $"unexpected '{path[i]}'; a key that is not a plain name is written [\"...\"]", out error);
            string name = path[start..i];
            if (char.IsAsciiDigit(name[0])) return Fail(path, start, $"the key {name} starts with a digit; write [{name}] for a list index or [\"{name}\"] for a string key", out error);
            builder.Add(PathSegment.OfKey(name));
        }
        segments = builder.ToImmutable();
        error = null;
        return true;
    }

    /// <summary>Writes segments in the spelling <see cref="Key"/> and <see cref="Index"/> produce.</summary>
    public static string Format(IEnumerable<PathSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        string path = Root;
        foreach (var segment in segments) path = Key(path, segment.AsKey());
        return path;
    }

    private static bool TryBracket(string path, ref int i, ImmutableArray<PathSegment>.Builder builder, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        i++;
        if (i < path.Length && path[i] == '"')
        {
            if (!TryJsonString(path, ref i, out string? key, out error)) return false;
            if (i >= path.Length || path[i] != ']') return Fail(path, i, "expected ']' after the quoted key", out error);
            i++;
            builder.Add(PathSegment.OfKey(key!));
            return true;
        }
        int start = i;
        if (i < path.Length && path[i] == '-') i++;
        while (i < path.Length && char.IsAsciiDigit(path[i])) i++;
        if (i == start || (i == start + 1 && path[start] == '-'))
            return Fail(path, start, "expected an integer or a quoted key after '['", out error);
        if (i >= path.Length || path[i] != ']') return Fail(path, i, "expected ']'", out error);
        if (!long.TryParse(path.AsSpan(start, i - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
            return Fail(path, start, $"the index {path[start..i]} does not fit a 64-bit integer", out error);
        i++;
        builder.Add(PathSegment.OfInteger(integer));
        error = null;
        return true;
    }

    // A JSON string literal starting at path[i] == '"'; on return i is just past the closing quote.
    private static bool TryJsonString(string path, ref int i, out string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        var text = new StringBuilder();
        value = null;
        for (i++; i < path.Length; i++)
        {
            char c = path[i];
            if (c == '"')
            {
                i++;
                value = text.ToString();
                error = null;
                return true;
            }
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }
            if (++i == path.Length) break;
            switch (path[i])
            {
                case '"': text.Append('"'); break;
                case '\\': text.Append('\\'); break;
                case '/': text.Append('/'); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u' when i + 4 < path.Length && ushort.TryParse(path.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code):
                    text.Append((char)code);
                    i += 4;
                    break;
                default: return Fail(path, i, $"unknown escape '\\{path[i]}' in a quoted key", out error);
            }
        }
        return Fail(path, i, "the quoted key is not closed", out error);
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static bool Fail(string path, int index, string reason, [System.Diagnostics.CodeAnalysis.NotNull] out string? error)
    {
        error = $"Malformed path '{path}' at column {Math.Min(index, path.Length) + 1}: {reason}.";
        return false;
    }
}
