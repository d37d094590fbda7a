using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Xmmutablemap.Internal;

/// <summary>The readable, deterministic text form used by <c>ToString</c>, error messages and diffs.</summary>
internal static class ModelFormatter
{
    public static void Append(StringBuilder builder, object? value)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (value)
        {
            case null: builder.Append("null"); return;
            case bool b: builder.Append(b ? "true" : "false"); return;
            case string s: builder.Append(Quote(s)); return;
            case ImmutableArray<byte> bytes:
                builder.Append("bytes(").Append(bytes.IsDefault ? "" : Convert.ToHexStringLower(bytes.AsSpan())).Append(')');
                return;
            case IImmutableMap map:
                builder.Append("ImmutableMap({");
                for (int i = 0; i < map.Count; i++)
                {
                    if (i > 0) builder.Append(", ");
                    Append(builder, map.GetKey(i));
                    builder.Append(": ");
                    Append(builder, map.GetValue(i));
                }
                builder.Append("})");
                return;
        }
        if (ModelValue.TryGetInteger(value, out var integer)) { builder.Append(integer.ToString(CultureInfo.InvariantCulture)); return; }
        if (ModelValue.TryGetFloat(value, out var number)) { builder.Append(ModelValue.FormatFloat(number)); return; }
        if (ModelValue.IsImmutableList(value))
        {
            builder.Append('[');
            bool first = true;
            foreach (var item in (IList)value)
            {
                if (!first) builder.Append(", ");
                first = false;
                Append(builder, item);
            }
            builder.Append(']');
            return;
        }
        builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
    }

    /// <summary>A JSON string literal: quotes, backslashes, control characters and lone surrogates escaped, everything else as is.</summary>
    public static string Quote(string s)
    {
        var builder = new StringBuilder(s.Length + 2).Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        builder.Append(c).Append(s[++i]);
                    }
                    else if (c < 0x20 || char.IsSurrogate(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        return builder.Append('"').ToString();
    }
}
