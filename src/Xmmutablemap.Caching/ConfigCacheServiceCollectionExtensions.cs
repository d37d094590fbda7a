using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Xmmutablemap.Caching;

/// <summary>Registers a <see cref="ConfigCache"/> with dependency injection, the way <c>AddHybridCache</c> registers a <c>HybridCache</c>.</summary>
/// <example>
/// <code>
/// builder.Services.AddConfigCache();                       // embedded SQLite under ~/.cache/xmm
/// builder.Services.AddRedisConfigCache("cache-host:6379"); // or Redis, shared by every machine
/// // then: public Trainer(ConfigCache cache) { ... }
/// </code>
/// </example>
public static class ConfigCacheServiceCollectionExtensions
{
    /// <summary>Adds the embedded cache: a SQLite file and file leases under <paramref name="directory"/> (default <see cref="ConfigCache.DefaultDirectory"/>).</summary>
    public static IServiceCollection AddConfigCache(this IServiceCollection services, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddSingleton(provider => ConfigCache.CreateDefault(directory, provider.GetService<ILogger<ConfigCache>>()));
    }

    /// <summary>Adds a cache whose entries and leases live in Redis (<paramref name="configuration"/>, e.g. <c>host:6379</c>).</summary>
    public static IServiceCollection AddRedisConfigCache(this IServiceCollection services, string configuration, TimeSpan? leaseTimeToLive = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddSingleton(provider => ConfigCache.CreateRedis(configuration, leaseTimeToLive, provider.GetService<ILogger<ConfigCache>>()));
    }
}
