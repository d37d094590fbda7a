using Xmmutablemap.Caching;

namespace Xmmutablemap.Caching.Tests;

/// <summary>
/// The two stores every cache test runs against. Redis is found through XMM_TEST_REDIS (HOST:PORT), which
/// .ci/run sets after starting a redis-server on a free loopback port. Locally: start one
/// (<c>redis-server --port 6390 --save ''</c>) and set XMM_TEST_REDIS=127.0.0.1:6390. Under CI (CI=true) a
/// missing Redis fails the Redis tests; elsewhere they pass with a note, so that a plain `dotnet test` works.
/// </summary>
public static class Stores
{
    public static string? Redis => Environment.GetEnvironmentVariable("XMM_TEST_REDIS") is { Length: > 0 } r ? r : null;

    public static TheoryData<string> Names() => new("sqlite", "redis");

    /// <summary>A fresh cache of the named kind, or null when Redis is not configured outside CI.</summary>
    public static ConfigCache? Create(string kind, string directory, TimeSpan? leaseTimeToLive = null)
    {
        if (kind == "sqlite") return ConfigCache.CreateDefault(directory);
        if (Redis is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI expects Redis: XMM_TEST_REDIS is not set (.ci/run starts redis-server)");
            return null;
        }
        return ConfigCache.CreateRedis(Redis, leaseTimeToLive);
    }

    /// <summary>A namespace no other test run uses, so Redis needs no flushing between tests.</summary>
    public static string FreshNamespace() => "test-" + Guid.NewGuid().ToString("N")[..12];
}
