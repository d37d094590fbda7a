using System.Text.Json;
using System.Text.Json.Serialization;

namespace Xmmutablemap.Json;

/// <summary>
/// Lets System.Text.Json read and write any <see cref="ImmutableMap{TKey, TValue}"/> with string or
/// integer keys. Floats keep a <c>.0</c>, <c>object</c> values read as model values (<c>1</c> as
/// <see cref="long"/>, <c>1.0</c> as <see cref="double"/>), and duplicate keys are an error.
/// </summary>
/// <example>
/// <code>
/// var options = new JsonSerializerOptions().AddImmutableMapConverters();
/// var config = JsonSerializer.Deserialize&lt;ImmutableMap&lt;string, object?&gt;&gt;(json, options);
///
/// // or on a member, with no options at all:
/// public sealed record Job([property: JsonConverter(typeof(ImmutableMapJsonConverterFactory))] ImmutableMap&lt;string, double&gt; Params);
/// </code>
/// </example>
public sealed class ImmutableMapJsonConverterFactory : JsonConverterFactory
{
    /// <summary>A shared instance.</summary>
    public static ImmutableMapJsonConverterFactory Instance { get; } = new();

    /// <summary>True for every closed <c>ImmutableMap&lt;TKey, TValue&gt;</c>.</summary>
    public override bool CanConvert(Type typeToConvert) => IsMapType(typeToConvert);

    internal static bool IsMapType(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableMap<,>);

    /// <summary>Creates the converter for one closed map type.</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "ImmutableMap<string, object?> is made without reflection; other closed map types are made from type arguments the caller already uses (value-type arguments must be rooted for native AOT).")]
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        // The model map, the common case, needs no reflection (and so works under native AOT as it is).
        if (typeToConvert == typeof(ImmutableMap<string, object?>)) return new ImmutableMapJsonConverter<string, object?>();
        var arguments = typeToConvert.GetGenericArguments();
        return (JsonConverter)Activator.CreateInstance(typeof(ImmutableMapJsonConverter<,>).MakeGenericType(arguments))!;
    }
}
