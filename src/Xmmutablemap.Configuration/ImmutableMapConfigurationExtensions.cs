using Microsoft.Extensions.Configuration;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.Configuration;

/// <summary>Frozen configs as configuration sources, so that they feed <c>IOptions&lt;T&gt;</c> like appsettings.json does.</summary>
/// <example>
/// <code>
/// builder.Configuration.AddConfigFile("train.yaml");          // JSON, YAML, MessagePack or protobuf, by extension
/// builder.Services.Configure&lt;TrainConfig&gt;(builder.Configuration);
/// </code>
/// </example>
public static class ImmutableMapConfigurationExtensions
{
    /// <summary>Adds a frozen map as a configuration source.</summary>
    public static IConfigurationBuilder AddImmutableMap(this IConfigurationBuilder builder, ImmutableMap<string, object?> map)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(map);
        return builder.Add(new ImmutableMapConfigurationSource(() => map));
    }

    /// <summary>Adds a config file in any registered format (chosen by its extension) as a configuration source, read when the configuration is built.</summary>
    /// <exception cref="MapFormatException">(When built) the file is not a valid document; the message names the file, the path and the position.</exception>
    public static IConfigurationBuilder AddConfigFile(this IConfigurationBuilder builder, string path, MapFormatRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        return builder.Add(new ImmutableMapConfigurationSource(() => MapFile.Load(full, registry)));
    }
}
