using System.Text.Json;
using StackExchange.Redis;
using Xmmutablemap.Caching;

namespace Xmmutablemap.Caching.Tests;

/// <summary>The cache through its API, against the embedded SQLite store and a real Redis.</summary>
public sealed class ConfigCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xmm-cache-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly ImmutableMap<string, object?> Config = ImmutableMap.Of<string, object?>(("lr", 0.001), ("epochs", 10L));

    [Theory]
    [MemberData(nameof(Stores.Names), MemberType = typeof(Stores))]
    public async Task Concurrent_callers_compute_once_and_all_get_the_result(string kind)
    {
        await using var cache = Stores.Create(kind, _dir);
        if (cache is null) return;
        string ns = Stores.FreshNamespace();
        int calls = 0;
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => cache.GetOrComputeBytesAsync(ns, Config, async ct =>
        {
            Interlocked.Increment(ref calls);
            await Task.Delay(200, ct);
            return "trained"u8.ToArray();
        }).AsTask()));
        Assert.Equal(1, calls);
        Assert.All(results, r => Assert.Equal("trained"u8.ToArray(), r));
    }

    [Theory]
    [MemberData(nameof(Stores.Names), MemberType = typeof(Stores))]
    public async Task A_result_outlives_the_process_and_a_new_cache_finds_it(string kind)
    {
        string ns = Stores.FreshNamespace();
        await using (var first = Stores.Create(kind, _dir))
        {
            if (first is null) return;
            await first.GetOrComputeBytesAsync(ns, Config, _ => ValueTask.FromResult(new byte[] { 1, 2, 3 }));
        }
        await using var second = Stores.Create(kind, _dir)!;
        var again = await second.GetOrComputeBytesAsync(ns, Config, _ => throw new InvalidOperationException("must not run"));
        Assert.Equal(new byte[] { 1, 2, 3 }, again);
        Assert.Equal(new byte[] { 1, 2, 3 }, await second.TryGetBytesAsync(ConfigCache.KeyFor(ns, Config.ContentHash)));
    }

    [Theory]
    [MemberData(nameof(Stores.Names), MemberType = typeof(Stores))]
    public async Task A_failed_computation_stores_nothing_and_the_next_caller_runs_again(string kind)
    {
        await using var cache = Stores.Create(kind, _dir);
        if (cache is null) return;
        string ns = Stores.FreshNamespace();
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await cache.GetOrComputeBytesAsync(ns, Config, _ => throw new InvalidOperationException("diverged")));
        Assert.Null(await cache.TryGetBytesAsync(ConfigCache.KeyFor(ns, Config.ContentHash)));
        Assert.Equal(new byte[] { 7 }, await cache.GetOrComputeBytesAsync(ns, Config, _ => ValueTask.FromResult(new byte[] { 7 })));
    }

    [Theory]
    [MemberData(nameof(Stores.Names), MemberType = typeof(Stores))]
    public async Task Maps_and_typed_results_round_trip_and_namespaces_keep_results_apart(string kind)
    {
        await using var cache = Stores.Create(kind, _dir);
        if (cache is null) return;
        string ns = Stores.FreshNamespace();
        var summary = ImmutableMap.Of<string, object?>(("accuracy", 0.93), ("steps", 1000L));
        Assert.Equal(summary, await cache.GetOrComputeMapAsync(ns, Config, _ => ValueTask.FromResult(summary)));
        Assert.Equal(summary.ContentHash, (await cache.GetOrComputeMapAsync(ns, Config, _ => throw new InvalidOperationException())).ContentHash);
        var typed = await cache.GetOrComputeAsync(ns + "-typed", Config, _ => ValueTask.FromResult(new Result(0.5, "ok")), JsonSerializerOptions.Default);
        Assert.Equal(new Result(0.5, "ok"), typed);
        Assert.Equal(new Result(0.5, "ok"), await cache.GetOrComputeAsync<Result>(ns + "-typed", Config, _ => throw new InvalidOperationException(), JsonSerializerOptions.Default));
    }

    public sealed record Result(double Loss, string Note);

    [Fact]
    public async Task Alternating_namespaces_and_configs_each_find_their_own_entry()
    {
        // The key of the last config used is remembered; switching namespace or config must not reuse it.
        await using var cache = ConfigCache.CreateDefault(Path.Combine(_dir, "alternating"));
        string a = Stores.FreshNamespace(), b = Stores.FreshNamespace();
        var other = Config.SetItem("seed", 99L);
        Assert.Equal(new byte[] { 1 }, await cache.GetOrComputeBytesAsync(a, Config, _ => ValueTask.FromResult(new byte[] { 1 })));
        Assert.Equal(new byte[] { 2 }, await cache.GetOrComputeBytesAsync(b, Config, _ => ValueTask.FromResult(new byte[] { 2 })));
        Assert.Equal(new byte[] { 3 }, await cache.GetOrComputeBytesAsync(a, other, _ => ValueTask.FromResult(new byte[] { 3 })));
        for (int round = 0; round < 3; round++)
        {
            Assert.Equal(new byte[] { 1 }, await cache.GetOrComputeBytesAsync(a, Config, _ => throw new InvalidOperationException()));
            Assert.Equal(new byte[] { 1 }, await cache.GetOrComputeBytesAsync(a, Config, _ => throw new InvalidOperationException()));
            Assert.Equal(new byte[] { 2 }, await cache.GetOrComputeBytesAsync(b, Config, _ => throw new InvalidOperationException()));
            Assert.Equal(new byte[] { 3 }, await cache.GetOrComputeBytesAsync(a, other, _ => throw new InvalidOperationException()));
        }
    }

    [Fact]
    public async Task A_flipped_byte_in_the_SQLite_file_is_detected_and_the_entry_recomputed()
    {
        string ns = Stores.FreshNamespace();
        byte[] payload = "RESULT-PAYLOAD-THAT-IS-EASY-TO-FIND"u8.ToArray();
        await using (var cache = ConfigCache.CreateDefault(_dir))
        {
            await cache.GetOrComputeBytesAsync(ns, Config, _ => ValueTask.FromResult(payload));
        }
        // Closed connections stay pooled in this process with their page cache: let them go, as a new process would.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // The payload sits in the database or its write-ahead log: flip one of its bytes where it is.
        bool flipped = false;
        foreach (string file in Directory.GetFiles(_dir, "cache.db*"))
        {
            byte[] bytes = File.ReadAllBytes(file);
            int at = bytes.AsSpan().IndexOf(payload);
            if (at < 0) continue;
            bytes[at + 3] ^= 0x01;
            File.WriteAllBytes(file, bytes);
            flipped = true;
        }
        Assert.True(flipped, "the payload was not found in the SQLite files");
        await using var reopened = ConfigCache.CreateDefault(_dir);
        int calls = 0;
        var result = await reopened.GetOrComputeBytesAsync(ns, Config, _ => { calls++; return ValueTask.FromResult(payload); });
        Assert.Equal(1, calls); // the damaged entry was a miss, never returned
        Assert.Equal(payload, result);
        Assert.Equal(payload, await reopened.TryGetBytesAsync(ConfigCache.KeyFor(ns, Config.ContentHash))); // and was overwritten
    }

    [Fact]
    public async Task A_flipped_byte_in_Redis_is_detected_and_the_entry_recomputed()
    {
        await using var cache = Stores.Create("redis", _dir);
        if (cache is null) return;
        string ns = Stores.FreshNamespace();
        string key = ConfigCache.KeyFor(ns, Config.ContentHash);
        await cache.GetOrComputeBytesAsync(ns, Config, _ => ValueTask.FromResult("payload"u8.ToArray()));
        using (var redis = await ConnectionMultiplexer.ConnectAsync(Stores.Redis!))
        {
            var db = redis.GetDatabase();
            byte[] entry = (byte[])(await db.HashGetAsync("xmm:" + key, "data"))!;
            entry[^1] ^= 0x01;
            await db.HashSetAsync("xmm:" + key, "data", entry);
        }
        await using var fresh = Stores.Create("redis", _dir)!; // a new process: no memory level
        int calls = 0;
        var result = await fresh.GetOrComputeBytesAsync(ns, Config, _ => { calls++; return ValueTask.FromResult("payload"u8.ToArray()); });
        Assert.Equal(1, calls);
        Assert.Equal("payload"u8.ToArray(), result);
    }

    [Fact]
    public async Task Dependency_injection_gives_one_shared_cache()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddConfigCache(_dir);
        await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var cache = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ConfigCache>(provider);
        Assert.Same(cache, Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ConfigCache>(provider));
        Assert.Equal(new byte[] { 4 }, await cache.GetOrComputeBytesAsync(Stores.FreshNamespace(), Config, _ => ValueTask.FromResult(new byte[] { 4 })));
    }

    [Fact]
    public void An_unreachable_Redis_is_a_clear_error()
    {
        var e = Assert.Throws<ConfigCacheException>(() => ConfigCache.CreateRedis("127.0.0.1:1,connectTimeout=500"));
        Assert.StartsWith("Cannot reach Redis at '127.0.0.1:1,connectTimeout=500':", e.Message);
    }

    [Theory]
    [InlineData(null, "sha256:")]
    [InlineData("G", "sha256:")]
    [InlineData("x", "")]
    [InlineData("f", "sha256-")]
    public void Content_hash_forms_format_and_parse_back(string? format, string prefix)
    {
        var hash = Config.ContentHash;
        string text = hash.ToString(format, null);
        Assert.Equal(prefix + hash.Hex, text);
        Assert.Equal(hash, ContentHash.Parse(text));
        Assert.DoesNotContain(':', hash.FileName);
        Assert.Equal(hash.FileName, $"{hash:f}");
    }

    [Fact]
    public void An_unknown_content_hash_format_is_refused()
    {
        Assert.Throws<FormatException>(() => Config.ContentHash.ToString("n", null));
        Assert.False(ContentHash.TryParse("sha256_" + Config.ContentHash.Hex, out _));
    }
}
