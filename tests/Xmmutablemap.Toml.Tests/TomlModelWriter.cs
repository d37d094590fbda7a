using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Xmmutablemap.Documents;

namespace Xmmutablemap.Toml;

/// <summary>
/// Writes model values as TOML: top-level entries as <c>key = value</c> lines, nested maps as inline tables.
/// What TOML cannot carry (null, bytes, integer keys, integers above 2^63-1) is refused with the path, as
/// is nesting deeper than the limits, so the reader always accepts what this writes.
/// </summary>
internal static class TomlModelWriter
{
    public static string WriteDocument(IImmutableMap map, DocumentLimits limits)
    {
        var text = new StringBuilder();
        var path = new DocumentPath();
        limits.EnterCollection(path);
        for (int i = 0; i < map.Count; i++)
        {
            string key = (string)map.GetKey(i);
            path.PushKey(key);
            text.Append(Key(key, path)).Append(" = ");
            Value(text, map.GetValue(i), path, limits);
            text.Append('\n');
            path.Pop();
        }
        return text.ToString();
    }

    private static void Value(StringBuilder text, object? value, DocumentPath path, DocumentLimits limits)
    {
        switch (ModelValue.GetKind(value))
        {
            case ModelKind.Null: throw new DocumentException("TOML has no null", path.ToString());
            case ModelKind.Bool: text.Append((bool)value! ? "true" : "false"); return;
            case ModelKind.Integer:
                ModelValue.TryGetInteger(value, out var integer);
                if (integer > long.MaxValue) throw new DocumentException($"TOML integers stop at {long.MaxValue}; this one is {integer}", path.ToString());
                text.Append(((long)integer).ToString(CultureInfo.InvariantCulture));
                return;
            case ModelKind.Float:
                ModelValue.TryGetFloat(value, out double d);
                text.Append(double.IsNaN(d) ? "nan" : double.IsPositiveInfinity(d) ? "inf" : double.IsNegativeInfinity(d) ? "-inf" : ModelValue.FormatFloat(d));
                return;
            case ModelKind.String: String(text, ModelText.CheckString((string)value!, path)); return;
            case ModelKind.Bytes: throw new DocumentException("TOML cannot carry bytes", path.ToString());
            case ModelKind.List:
                limits.EnterCollection(path);
                RuntimeHelpers.EnsureSufficientExecutionStack();
                text.Append('[');
                var list = (IList)value!;
                path.PushIndex(0);
                for (int i = 0; i < list.Count; i++)
                {
                    path.SetIndex(i);
                    if (i > 0) text.Append(", ");
                    Value(text, list[i], path, limits);
                }
                path.Pop();
                text.Append(']');
                return;
            case ModelKind.Map:
                limits.EnterCollection(path);
                RuntimeHelpers.EnsureSufficientExecutionStack();
                var map = (IImmutableMap)value!;
                text.Append('{');
                for (int i = 0; i < map.Count; i++)
                {
                    if (map.GetKey(i) is not string key) throw new DocumentException($"TOML keys are strings; this map has the integer key {map.GetKey(i)}", path.ToString());
                    path.PushKey(key);
                    text.Append(i == 0 ? " " : ", ").Append(Key(key, path)).Append(" = ");
                    Value(text, map.GetValue(i), path, limits);
                    path.Pop();
                }
                text.Append(map.Count == 0 ? "}" : " }");
                return;
            default: throw new DocumentException($"{value!.GetType().FullName} is not a model value", path.ToString());
        }
    }

    private static string Key(string key, DocumentPath path)
    {
        ModelText.CheckString(key, path);
        if (key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')) return key;
        var quoted = new StringBuilder();
        String(quoted, key);
        return quoted.ToString();
    }

    // A TOML basic string: the escapes TOML defines, and \u for other control characters and for U+FFFD
    // (Tomlyn 2.10 takes a literal U+FFFD for a decoding failure: "Invalid UTF-16 surrogate sequence").
    private static void String(StringBuilder text, string s)
    {
        text.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\t': text.Append("\\t"); break;
                case '\r': text.Append("\\r"); break;
                case < ' ' or '\u007f' or '\uFFFD': text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }
        text.Append('"');
    }
}
