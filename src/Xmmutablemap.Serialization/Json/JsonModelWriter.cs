using System.Collections;
using System.Collections.Immutable;
using System.Text.Json;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization.Json;

/// <summary>
/// Writes model values as JSON, keeping integers and floats apart (<c>1</c> vs <c>1.0</c>), and refusing
/// what JSON cannot carry (NaN, infinities, bytes, integer map keys) with the path of the value.
/// </summary>
internal static class JsonModelWriter
{
    /// <param name="writer">The destination.</param>
    /// <param name="value">The value to write.</param>
    /// <param name="path">The value's path, for errors.</param>
    /// <param name="fallback">For the native converter: options used to write values outside the model
    /// (a user record inside a map). The facade passes null, so such values are an error.</param>
    public static void Write(Utf8JsonWriter writer, object? value, DocumentPath path, JsonSerializerOptions? fallback)
    {
        switch (ModelValue.GetKind(value))
        {
            case ModelKind.Null: writer.WriteNullValue(); return;
            case ModelKind.Bool: writer.WriteBooleanValue((bool)value!); return;
            case ModelKind.Integer:
                ModelValue.TryGetInteger(value, out var integer);
                if (integer >= 0) writer.WriteNumberValue((ulong)integer);
                else writer.WriteNumberValue((long)integer);
                return;
            case ModelKind.Float:
                ModelValue.TryGetFloat(value, out double d);
                if (!double.IsFinite(d)) throw new DocumentError($"JSON cannot carry the float {ModelValue.FormatFloat(d)}", path.ToString());
                // Utf8JsonWriter would write 1.0 as "1"; the model's text keeps a '.' or an exponent.
                Span<byte> text = stackalloc byte[ModelValue.MaxFloatLength];
                ModelValue.TryFormatFloat(d, text, out int length);
                writer.WriteRawValue(text[..length], skipInputValidation: true);
                return;
            case ModelKind.String:
                writer.WriteStringValue(CheckedString((string)value!, path));
                return;
            case ModelKind.Bytes:
                throw new DocumentError("JSON cannot carry bytes (use YAML, MessagePack or protobuf)", path.ToString());
            case ModelKind.List:
                writer.WriteStartArray();
                int i = 0;
                path.PushIndex(0);
                foreach (var item in (IList)value!)
                {
                    path.SetIndex(i++);
                    Write(writer, item, path, fallback);
                }
                path.Pop();
                writer.WriteEndArray();
                return;
            case ModelKind.Map:
                WriteMap(writer, (IImmutableMap)value!, path, fallback);
                return;
            default:
                if (fallback is null) throw new DocumentError($"{value!.GetType().FullName} is not a model value", path.ToString());
                JsonSerializer.Serialize(writer, value, value!.GetType(), fallback);
                return;
        }
    }

    public static void WriteMap(Utf8JsonWriter writer, IImmutableMap map, DocumentPath path, JsonSerializerOptions? fallback)
    {
        writer.WriteStartObject();
        for (int i = 0; i < map.Count; i++)
        {
            object key = map.GetKey(i);
            if (key is not string name)
                throw new DocumentError($"JSON object keys are strings; this map has the integer key {ModelValue.Format(key)}", path.ToString());
            writer.WritePropertyName(CheckedString(name, path));
            path.PushKey(name);
            Write(writer, map.GetValue(i), path, fallback);
            path.Pop();
        }
        writer.WriteEndObject();
    }

    private static string CheckedString(string s, DocumentPath path)
    {
        if (UnicodeText.HasLoneSurrogate(s))
            throw new DocumentError("the string contains a lone surrogate, which is not a Unicode scalar value", path.ToString());
        return s;
    }
}
