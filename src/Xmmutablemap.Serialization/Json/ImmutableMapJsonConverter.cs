using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization.Json;

/// <summary>The System.Text.Json converter for one closed map type; created by <see cref="ImmutableMapJsonConverterFactory"/>.</summary>
/// <typeparam name="TKey">String or an integer type (written as a JSON property name, as System.Text.Json does for dictionaries).</typeparam>
/// <typeparam name="TValue">Any type System.Text.Json can handle; <c>object</c> means model values.</typeparam>
public sealed class ImmutableMapJsonConverter<TKey, TValue> : JsonConverter<ImmutableMap<TKey, TValue>>
    where TKey : notnull
{
    // Values whose JSON text System.Text.Json would get wrong (1.0 written as 1, object read as JsonElement).
    private static readonly bool ValuesAreModel =
        typeof(TValue) == typeof(object) || typeof(TValue) == typeof(double) || typeof(TValue) == typeof(float);

    /// <inheritdoc/>
    public override ImmutableMap<TKey, TValue> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"Expected a JSON object for {typeof(ImmutableMap<TKey, TValue>).Name}, found {reader.TokenType}.");
        var builder = ImmutableMap.CreateBuilder<TKey, TValue>();
        var path = new DocumentPath();
        int maxDepth = options.MaxDepth == 0 ? MapReaderOptions.Default.MaxDepth : options.MaxDepth;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            TKey key = ParseKey(name);
            if (builder.ContainsKey(key)) throw new JsonException($"The key {ModelValue.Format(name)} appears more than once.");
            reader.Read();
            builder.Add(key, ReadValue(ref reader, name, maxDepth, options));
        }
        return builder.ToImmutable();
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ImmutableMap<TKey, TValue> value, JsonSerializerOptions options)
    {
        var path = new DocumentPath();
        writer.WriteStartObject();
        foreach (var (key, item) in value)
        {
            string name = key is string s ? s : Convert.ToString(key, CultureInfo.InvariantCulture)!;
            writer.WritePropertyName(name);
            path.PushKey(name);
            try
            {
                WriteValue(writer, item, path, options);
            }
            catch (DocumentError e)
            {
                throw JsonMapFormat.ToNative(e);
            }
            path.Pop();
        }
        writer.WriteEndObject();
    }

    private static TValue ReadValue(ref Utf8JsonReader reader, string name, int maxDepth, JsonSerializerOptions options)
    {
        if (typeof(TValue) == typeof(object))
        {
            var path = new DocumentPath();
            path.PushKey(name);
            try
            {
                return (TValue)JsonModelReader.ReadValue(ref reader, path, maxDepth)!;
            }
            catch (DocumentError e)
            {
                throw JsonMapFormat.ToNative(e);
            }
        }
        if (ImmutableMapJsonConverterFactory.Instance.CanConvert(typeof(TValue)))
        {
            // Nested maps use this converter family even when the options do not name it.
            var nested = (JsonConverter<TValue>)ImmutableMapJsonConverterFactory.Instance.CreateConverter(typeof(TValue), options);
            return nested.Read(ref reader, typeof(TValue), options)!;
        }
        return JsonSerializer.Deserialize<TValue>(ref reader, options)!;
    }

    private static void WriteValue(Utf8JsonWriter writer, TValue item, DocumentPath path, JsonSerializerOptions options)
    {
        if (ValuesAreModel || item is IImmutableMap) JsonModelWriter.Write(writer, item, path, options);
        else JsonSerializer.Serialize(writer, item, options);
    }

    private static TKey ParseKey(string name)
    {
        if (typeof(TKey) == typeof(string)) return (TKey)(object)name;
        if (!Int128.TryParse(name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            throw new JsonException($"The key {ModelValue.Format(name)} is not an integer, as {typeof(TKey).Name} keys must be.");
        try
        {
            return (TKey)Convert.ChangeType((object)(integer >= 0 ? (object)(ulong)integer : (long)integer), typeof(TKey), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is OverflowException or InvalidCastException)
        {
            throw new JsonException($"The key {name} does not fit in {typeof(TKey).Name}.", e);
        }
    }
}
