using Xmmutablemap.Documents;
using YamlDotNet.Serialization;

namespace Xmmutablemap.Serialization.Yaml;

/// <summary>Registers <see cref="ImmutableMapYamlTypeConverter"/> with YamlDotNet's builders.</summary>
public static class YamlBuilderExtensions
{
    /// <summary>Adds the map converter to a serializer; returns the builder.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="limits">The limits that readers of the output will apply (default <see cref="DocumentLimits.Default"/>).</param>
    public static SerializerBuilder WithImmutableMaps(this SerializerBuilder builder, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithTypeConverter(limits is null ? ImmutableMapYamlTypeConverter.Instance : new ImmutableMapYamlTypeConverter(limits));
    }

    /// <summary>Adds the map converter to a deserializer, with duplicate-key checking for the other types too; returns the builder.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="limits">The limits to apply to maps (default <see cref="DocumentLimits.Default"/>).</param>
    public static DeserializerBuilder WithImmutableMaps(this DeserializerBuilder builder, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .WithTypeConverter(limits is null ? ImmutableMapYamlTypeConverter.Instance : new ImmutableMapYamlTypeConverter(limits))
            .WithNodeTypeResolver(ImmutableMapNodeTypeResolver.Instance, where => where.OnTop())
            .WithDuplicateKeyChecking();
    }
}
