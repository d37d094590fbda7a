using YamlDotNet.Serialization;

namespace Xmmutablemap.Serialization.Yaml;

/// <summary>Registers <see cref="ImmutableMapYamlTypeConverter"/> with YamlDotNet's builders.</summary>
public static class YamlBuilderExtensions
{
    /// <summary>Adds the map converter to a serializer; returns the builder.</summary>
    public static SerializerBuilder WithImmutableMaps(this SerializerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithTypeConverter(ImmutableMapYamlTypeConverter.Instance);
    }

    /// <summary>Adds the map converter to a deserializer, with duplicate-key checking for the other types too; returns the builder.</summary>
    public static DeserializerBuilder WithImmutableMaps(this DeserializerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithTypeConverter(ImmutableMapYamlTypeConverter.Instance).WithDuplicateKeyChecking();
    }
}
