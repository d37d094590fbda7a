using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Xmmutablemap.Documents;

namespace Xmmutablemap.Json;

/// <summary>The System.Text.Json converter for one closed map type; created by <see cref="ImmutableMapJsonConverterFactory"/>.</summary>
/// <typeparam name="TKey">String or an integer type (written as a JSON property name, as System.Text.Json does for dictionaries).</typeparam>
/// <typeparam name="TValue">Any type System.Text.Json can handle; <c>object</c> means model values.</typeparam>
/// <remarks>The depth limit is the options' <see cref="JsonSerializerOptions.MaxDepth"/> (64 when unset), as for the facade.</remarks>
public sealed class ImmutableMapJsonConverter<TKey, TValue> : JsonConverter<ImmutableMap<TKey, TValue>>
    where TKey : notnull
{
    // Values whose JSON text System.Text.Json would get wrong (1.0 written as 1, object read as JsonElement).
    private static readonly bool ValuesAreModel =
        typeof(TValue) == typeof(object) || typeof(TValue) == typeof(double) || typeof(TValue) == typeof(float);

    // Nested maps use this converter family even when the options do not name it: made once per closed type.
    private static JsonConverter<TValue>? s_nestedMapConverter;

    /// <inheritdoc/>
    public override ImmutableMap<TKey, TValue> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var path = new DocumentPath();
        var limits = Limits(options);
        try
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new DocumentException($"expected a JSON object for {typeof(ImmutableMap<TKey, TValue>).Name}, found {reader.TokenType}", "");
            if (typeof(TKey) == typeof(string) && typeof(TValue) == typeof(object))
                return (ImmutableMap<TKey, TValue>)JsonModelReader.ReadValue(ref reader, path, limits)!;
            limits.EnterCollection(path);
            var entries = new DocumentMapBuilder<TKey, TValue>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var keyPosition = DocumentPosition.AtByte(reader.TokenStartIndex);
                string name = reader.GetString()!;
                TKey key = ParseKey(name, path, keyPosition);
                reader.Read();
                path.PushKey(name);
                TValue value = ReadValue(ref reader, path, limits, options);
                path.Pop();
                entries.Add(key, value, keyPosition);
            }
            return entries.ToImmutable(path);
        }
        catch (DocumentException e)
        {
            throw e.ToJsonException();
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ImmutableMap<TKey, TValue> value, JsonSerializerOptions options)
    {
        var path = new DocumentPath();
        var limits = Limits(options);
        try
        {
            if (ValuesAreModel && typeof(TKey) == typeof(string))
            {
                JsonModelWriter.WriteMap(writer, value, path, limits, options);
                return;
            }
            limits.EnterCollection(path);
            writer.WriteStartObject();
            foreach (var (key, item) in value)
            {
                string name = key is string s ? ModelText.CheckString(s, path) : Convert.ToString(key, CultureInfo.InvariantCulture)!;
                writer.WritePropertyName(name);
                path.PushKey(name);
                if (ValuesAreModel || item is IImmutableMap) JsonModelWriter.Write(writer, item, path, limits, options);
                else JsonSerializer.Serialize(writer, item, TypeInfo(options));
                path.Pop();
            }
            writer.WriteEndObject();
        }
        catch (Exception e) when (e is DocumentException or ModelValueException)
        {
            throw (e as DocumentException ?? new DocumentException(((ModelValueException)e).Reason, ((ModelValueException)e).Path)).ToJsonException();
        }
    }

    private static DocumentLimits Limits(JsonSerializerOptions options) =>
        options.MaxDepth == 0 || options.MaxDepth == DocumentLimits.Default.MaxDepth ? DocumentLimits.Default : new DocumentLimits { MaxDepth = options.MaxDepth };

    private static TValue ReadValue(ref Utf8JsonReader reader, DocumentPath path, DocumentLimits limits, JsonSerializerOptions options)
    {
        if (typeof(TValue) == typeof(object)) return (TValue)JsonModelReader.ReadValue(ref reader, path, limits)!;
        if (ImmutableMapJsonConverterFactory.IsMapType(typeof(TValue)))
        {
            s_nestedMapConverter ??= (JsonConverter<TValue>)ImmutableMapJsonConverterFactory.Instance.CreateConverter(typeof(TValue), options);
            return s_nestedMapConverter.Read(ref reader, typeof(TValue), options)!;
        }
        return JsonSerializer.Deserialize(ref reader, TypeInfo(options))!;
    }

    // The options' contract for TValue: no reflection-only serializer API, so trimming and native AOT keep working
    // with source-generated contexts.
    private static JsonTypeInfo<TValue> TypeInfo(JsonSerializerOptions options) => (JsonTypeInfo<TValue>)options.GetTypeInfo(typeof(TValue));

    private static TKey ParseKey(string name, DocumentPath path, DocumentPosition position)
    {
        if (typeof(TKey) == typeof(string)) return (TKey)(object)ModelText.CheckString(name, path, position);
        // JSON keys are text: integer keys are their decimal digits, read by the model's number rules.
        var integer = ModelNumbers.ParseInteger(name, path, position);
        return ModelConversions.Convert<TKey>(integer, path, position);
    }
}
