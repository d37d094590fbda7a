using System.Text.Json;
using System.Text.Json.Serialization;

namespace Xmmutablemap.Serialization.Composition;

/// <summary>Writes a double as the model's float text (<c>1.0</c>, never <c>1</c>), so a bound object turned back
/// into a map keeps its floats as floats.</summary>
internal sealed class ModelFloatJsonConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (!double.IsFinite(value)) throw new JsonException($"JSON cannot carry the float {ModelValue.FormatFloat(value)}.");
        Span<byte> text = stackalloc byte[ModelValue.MaxFloatLength];
        ModelValue.TryFormatFloat(value, text, out int length);
        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }
}
