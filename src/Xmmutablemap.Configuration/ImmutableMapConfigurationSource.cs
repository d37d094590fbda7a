using Microsoft.Extensions.Configuration;

namespace Xmmutablemap.Configuration;

/// <summary>A configuration source over a frozen map, loaded when the configuration is built (see <see cref="ImmutableMapConfigurationExtensions"/>).</summary>
/// <param name="load">Gives the map; called on each (re)load.</param>
public sealed class ImmutableMapConfigurationSource(Func<ImmutableMap<string, object?>> load) : IConfigurationSource
{
    /// <inheritdoc/>
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new ImmutableMapConfigurationProvider(load);
}
