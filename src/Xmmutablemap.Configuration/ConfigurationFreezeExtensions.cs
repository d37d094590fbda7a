using Microsoft.Extensions.Configuration;

namespace Xmmutablemap.Configuration;

/// <summary>
/// Freezes an <see cref="IConfiguration"/> (or a section) into an <see cref="ImmutableMap{TKey, TValue}"/>, so a
/// service can log and compare the content hash of its effective settings.
/// </summary>
/// <remarks>
/// The typing rule: configuration values are strings, and they stay strings (<c>"5"</c>, <c>"true"</c>), since
/// nothing in <see cref="IConfiguration"/> says whether <c>"5"</c> was a number; a section becomes a map of its
/// children, arrays included (keys <c>"0"</c>, <c>"1"</c>, ... as configuration spells them); a key whose value is
/// null and that has no children is null. So freezing is reversible: <see cref="ImmutableMapConfigurationExtensions.AddImmutableMap"/>
/// of the frozen map gives back the same keys and values.
/// </remarks>
/// <example>
/// <code>
/// var settings = builder.Configuration.ToImmutableMap();
/// logger.LogInformation("effective settings {Hash}", settings.ContentHash);
/// </code>
/// </example>
public static class ConfigurationFreezeExtensions
{
    /// <summary>Freezes <paramref name="configuration"/> into a string-keyed map of strings and maps.</summary>
    public static ImmutableMap<string, object?> ToImmutableMap(this IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Freeze(configuration);
    }

    private static ImmutableMap<string, object?> Freeze(IConfiguration configuration)
    {
        var entries = new List<KeyValuePair<string, object?>>();
        foreach (var child in configuration.GetChildren())
        {
            bool hasChildren = child.GetChildren().Any();
            entries.Add(KeyValuePair.Create(child.Key, hasChildren ? Freeze(child) : (object?)child.Value));
        }
        return entries.ToImmutableMap();
    }
}
