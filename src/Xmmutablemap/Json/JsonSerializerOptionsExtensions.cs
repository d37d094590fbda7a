using System.Text.Json;

namespace Xmmutablemap.Json;

/// <summary>Registers the map converters with System.Text.Json, in the style of NodaTime's <c>ConfigureForNodaTime</c>.</summary>
public static class JsonSerializerOptionsExtensions
{
    /// <summary>
    /// Adds <see cref="ImmutableMapJsonConverterFactory"/> and turns off duplicate properties; returns the same options.
    /// Maps need no registration (the type names its converter); this puts the converter ahead of any other the options
    /// hold, and makes the rest of the options refuse duplicate keys as maps do.
    /// </summary>
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
