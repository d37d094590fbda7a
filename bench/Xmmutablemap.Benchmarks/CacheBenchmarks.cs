using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Xmmutablemap;
using Xmmutablemap.Caching;

namespace Xmmutablemap.Benchmarks;

/// <summary>
/// Issue 10: what keying by a config costs. A hit in the memory level, in the SQLite store and in Redis, each
/// against <see cref="HybridCache"/> with a plain string key over the same store. The config is already hashed
/// (its content hash is cached), as it is after the first use. Redis runs when XMM_BENCH_REDIS (HOST:PORT) is set.
/// </summary>
public class CacheBenchmarks
{
    private static readonly Func<CancellationToken, ValueTask<byte[]>> Never = _ => throw new InvalidOperationException("a hit was expected");
    private static readonly HybridCacheEntryOptions MemoryOnly = new() { Flags = HybridCacheEntryFlags.DisableDistributedCache };
    private static readonly HybridCacheEntryOptions StoreOnly = new() { Flags = HybridCacheEntryFlags.DisableLocalCache };

    private readonly string _dir = Directory.CreateTempSubdirectory("xmm-bench-cache-").FullName;
    private ImmutableMap<string, object?> _config = null!;
    private ConfigCache _sqlite = null!;
    private ConfigCache? _redis;
    private HybridCache _plainMemory = null!, _plainSqlite = null!;
    private HybridCache? _plainRedis;
    private string _key = null!;

    [GlobalSetup]
    public void Setup()
    {
        _config = BenchData.Config(1_000);
        _ = _config.ContentHash;
        _key = ConfigCache.KeyFor("bench", _config.ContentHash);
        byte[] payload = new byte[1024];
        _sqlite = ConfigCache.CreateDefault(Path.Combine(_dir, "ours"));
        _sqlite.GetOrComputeBytesAsync("bench", _config, _ => ValueTask.FromResult(payload)).AsTask().GetAwaiter().GetResult();
        _plainMemory = Hybrid(null);
        _plainMemory.GetOrCreateAsync("plain-key", _ => ValueTask.FromResult(payload), MemoryOnly).AsTask().GetAwaiter().GetResult();
        SQLitePCL.Batteries.Init();
        Directory.CreateDirectory(Path.Combine(_dir, "plain"));
        _plainSqlite = Hybrid(services => services.AddSingleton<IDistributedCache>(new NeoSmart.Caching.Sqlite.SqliteCache(
            new NeoSmart.Caching.Sqlite.SqliteCacheOptions { CachePath = Path.Combine(_dir, "plain", "plain.db") }, null!)));
        _plainSqlite.GetOrCreateAsync("plain-key", _ => ValueTask.FromResult(payload), StoreOnly).AsTask().GetAwaiter().GetResult();
        if (Environment.GetEnvironmentVariable("XMM_BENCH_REDIS") is { Length: > 0 } redis)
        {
            _redis = ConfigCache.CreateRedis(redis);
            _redis.GetOrComputeBytesAsync("bench", _config, _ => ValueTask.FromResult(payload)).AsTask().GetAwaiter().GetResult();
            _plainRedis = Hybrid(services => services.AddStackExchangeRedisCache(o => { o.Configuration = redis; o.InstanceName = "plain:"; }));
            _plainRedis.GetOrCreateAsync("plain-key", _ => ValueTask.FromResult(payload), StoreOnly).AsTask().GetAwaiter().GetResult();
        }
    }

    private static HybridCache Hybrid(Action<IServiceCollection>? store)
    {
        var services = new ServiceCollection();
        store?.Invoke(services);
        services.AddHybridCache();
        return services.BuildServiceProvider().GetRequiredService<HybridCache>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqlite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _redis?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [BenchmarkCategory("Memory"), Benchmark(Baseline = true)]
    public ValueTask<byte[]> Memory_hit_HybridCache_plain_key() => _plainMemory.GetOrCreateAsync("plain-key", Never, MemoryOnly);

    [BenchmarkCategory("Memory"), Benchmark]
    public ValueTask<byte[]> Memory_hit_ConfigCache_by_config() => _sqlite.GetOrComputeBytesAsync("bench", _config, Never);

    [BenchmarkCategory("Sqlite"), Benchmark(Baseline = true)]
    public ValueTask<byte[]> Sqlite_hit_HybridCache_plain_key() => _plainSqlite.GetOrCreateAsync("plain-key", Never, StoreOnly);

    [BenchmarkCategory("Sqlite"), Benchmark]
    public ValueTask<byte[]?> Sqlite_hit_ConfigCache_checked() => _sqlite.TryGetBytesAsync(_key);

    [BenchmarkCategory("Redis"), Benchmark(Baseline = true)]
    public ValueTask<byte[]> Redis_hit_HybridCache_plain_key() => _plainRedis is null ? ValueTask.FromResult(Array.Empty<byte>()) : _plainRedis.GetOrCreateAsync("plain-key", Never, StoreOnly);

    [BenchmarkCategory("Redis"), Benchmark]
    public ValueTask<byte[]?> Redis_hit_ConfigCache_checked() => _redis is null ? ValueTask.FromResult<byte[]?>([]) : _redis.TryGetBytesAsync(_key);
}
