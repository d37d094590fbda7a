using Microsoft.Extensions.DependencyInjection;

namespace Xmmutablemap.AspNetCore;

/// <summary>Registers <see cref="MapHttpOptions"/>. Optional: without it, <see cref="MapHttpOptions.Default"/> applies.</summary>
/// <example>
/// <code>
/// builder.Services.AddImmutableMapHttp(o => o.MaxRequestBodySize = 4 &lt;&lt; 20);
/// </code>
/// </example>
public static class MapHttpServiceCollectionExtensions
{
    /// <summary>Registers the options that map bodies, results and MVC formatters use.</summary>
    public static IServiceCollection AddImmutableMapHttp(this IServiceCollection services, Action<MapHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<MapHttpOptions>();
        if (configure is not null) builder.Configure(configure);
        return services;
    }
}
