using System.Text.Json;

namespace Xmmutablemap.Serialization.Json;

/// <summary>Registers the map converters with System.Text.Json, in the style of NodaTime's <c>ConfigureForNodaTime</c>.</summary>
public static class JsonSerializerOptionsExtensions
{
    /// <summary>Adds <see cref="ImmutableMapJsonConverterFactory"/> and turns off duplicate properties; returns the same options.</summary>
    /// <example>
    /// <code>
    /// var options = new JsonSerializerOptions { WriteIndented = true }.AddImmutableMapConverters();
    /// string json = JsonSerializer.Serialize(config, options);
    /// </code>
    /// </example>
    public static JsonSerializerOptions AddImmutableMapConverters(this JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(ImmutableMapJsonConverterFactory.Instance);
        options.AllowDuplicateProperties = false;
        return options;
    }
}
