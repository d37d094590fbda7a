using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Xmmutablemap.Documents;

namespace Xmmutablemap.Json;

/// <summary>
/// Writes model values as JSON, keeping integers and floats apart (<c>1</c> vs <c>1.0</c>), and refusing
/// what JSON or the limits do not allow (NaN, infinities, bytes, integer map keys, nesting too deep) with
/// the path of the value.
/// </summary>
/// <remarks>
/// The building block under <see cref="ImmutableMapJsonConverter{TKey, TValue}"/> and the JSON format of
/// Xmmutablemap.Serialization, public so that code with its own <see cref="Utf8JsonWriter"/> writes maps by the same rules.
/// </remarks>
/// <example>
/// <code>
/// using var writer = new Utf8JsonWriter(buffer);
/// JsonModelWriter.WriteMap(writer, config, new DocumentPath(), DocumentLimits.Default, fallback: null);
/// </code>
/// </example>
public static class JsonModelWriter
{
    /// <summary>Writes one model value (a map, a list or a scalar).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="value">The value to write.</param>
    /// <param name="path">The value's path, for errors.</param>
    /// <param name="limits">The limits the reader will apply.</param>
    /// <param name="fallback">For the native converter: options used to write values outside the model
    /// (a user record inside a map). The facade passes null, so such values are an error.</param>
    /// <param name="inArray">Whether the value is a list element (a raw value there needs its own line break when indented).</param>
    /// <exception cref="DocumentException">JSON or the limits cannot carry the value; names its path.</exception>
    public static void Write(Utf8JsonWriter writer, object? value, DocumentPath path, DocumentLimits limits, JsonSerializerOptions? fallback, bool inArray = false)
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
                if (!double.IsFinite(d)) throw new DocumentException($"JSON cannot carry the float {ModelValue.FormatFloat(d)}", path.ToString());
                WriteFloat(writer, d, inArray);
                return;
            case ModelKind.String:
                writer.WriteStringValue(ModelText.CheckString((string)value!, path));
                return;
            case ModelKind.Bytes:
                throw new DocumentException("JSON cannot carry bytes (use YAML, MessagePack or protobuf)", path.ToString());
            case ModelKind.List:
                limits.EnterCollection(path);
                RuntimeHelpers.EnsureSufficientExecutionStack();
                writer.WriteStartArray();
                var list = (IList)value!;
                path.PushIndex(0);
                for (int i = 0; i < list.Count; i++) // an indexer, not foreach: IList's enumerator is a boxed one
                {
                    path.SetIndex(i);
                    Write(writer, list[i], path, limits, fallback, inArray: true);
                }
                path.Pop();
                writer.WriteEndArray();
                return;
            case ModelKind.Map:
                WriteMap(writer, (IImmutableMap)value!, path, limits, fallback);
                return;
            default:
                if (fallback is null) throw new DocumentException($"{value!.GetType().FullName} is not a model value", path.ToString());
                // Through the options' contract for the runtime type: no reflection-only API, so trimming and AOT keep working.
                JsonSerializer.Serialize(writer, value, fallback.GetTypeInfo(value!.GetType()));
                return;
        }
    }

    /// <summary>
    /// Utf8JsonWriter would write 1.0 as "1", so the model's text (with a '.' or an exponent) goes in as a raw
    /// value. An indented writer lays out no line break before a raw value, so in a list it is written here,
    /// and float lists look like integer lists.
    /// </summary>
    private static void WriteFloat(Utf8JsonWriter writer, double value, bool inArray)
    {
        var options = writer.Options;
        int indent = inArray && options.Indented ? writer.CurrentDepth * options.IndentSize : 0;
        int newLine = indent > 0 ? options.NewLine.Length : 0;
        Span<byte> text = stackalloc byte[ModelValue.MaxFloatLength + 64];
        if (newLine + indent > 64)
        {
            text = new byte[ModelValue.MaxFloatLength + newLine + indent];
        }
        int at = 0;
        if (indent > 0)
        {
            foreach (char c in options.NewLine) text[at++] = (byte)c;
            text.Slice(at, indent).Fill((byte)options.IndentCharacter);
            at += indent;
        }
        ModelValue.TryFormatFloat(value, text[at..], out int length);
        writer.WriteRawValue(text[..(at + length)], skipInputValidation: true);
    }

    /// <summary>Writes a string-keyed map as a JSON object, keys in the map's canonical order.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="map">The map; its values must be model values unless <paramref name="fallback"/> is given.</param>
    /// <param name="path">The map's path, for errors.</param>
    /// <param name="limits">The limits the reader will apply.</param>
    /// <param name="fallback">Options used to write values outside the model, or null to refuse them.</param>
    /// <exception cref="DocumentException">JSON or the limits cannot carry a value; names its path.</exception>
    public static void WriteMap(Utf8JsonWriter writer, IImmutableMap map, DocumentPath path, DocumentLimits limits, JsonSerializerOptions? fallback)
    {
        limits.EnterCollection(path);
        RuntimeHelpers.EnsureSufficientExecutionStack();
        writer.WriteStartObject();
        for (int i = 0; i < map.Count; i++)
        {
            object key = map.GetKey(i);
            if (key is not string name)
                throw new DocumentException($"JSON object keys are strings; this map has the integer key {ModelValue.Format(key)}", path.ToString());
            writer.WritePropertyName(ModelText.CheckString(name, path));
            path.PushKey(name);
            Write(writer, map.GetValue(i), path, limits, fallback);
            path.Pop();
        }
        writer.WriteEndObject();
    }
}
