using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NeoSmart.Caching.Sqlite;
using StackExchange.Redis;
using Xmmutablemap.Serialization;
using Xmmutablemap.Serialization.MessagePack;

namespace Xmmutablemap.Caching;

/// <summary>
/// "Have I already computed this for this config?": a get-or-compute keyed by <c>NAMESPACE:sha256:&lt;hex&gt;</c>,
/// the caller's namespace (bump it when the code changes) and the config's content hash. Built on
/// <see cref="HybridCache"/> for the memory level (one factory call per key in a process), and a second level
/// (<see cref="IDistributedCache"/>: an embedded SQLite file by default, Redis across machines) where every entry
/// carries the SHA-256 of its payload and a lease per key makes N workers given the same config compute it once.
/// </summary>
/// <example>
/// <code>
/// await using var cache = ConfigCache.CreateDefault();                  // SQLite under ~/.cache/xmm
/// byte[] model = await cache.GetOrComputeBytesAsync("train-v3", config,
///     async ct => await TrainAsync(config, ct));                        // once per config, across processes
/// </code>
/// </example>
public sealed class ConfigCache : IAsyncDisposable
{
    private readonly HybridCache _memory;
    private readonly IDistributedCache _store;
    private readonly ICacheLeases _leases;
    private readonly ILogger _logger;
    private readonly IAsyncDisposable? _owned;

    // The key of a config, made once per config object and namespace: formatting "ns:sha256:<hex>" on every
    // hit would cost about as much as the memory-level lookup itself. Weak, so configs are still collected.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IImmutableMap, KeyOfConfig> _keys = new();

    // The last config keyed, checked by reference before the weak table: a service that serves one config over and
    // over (the common case) skips the table's lookup, which costs about a tenth of a memory-level hit. It keeps
    // that one config alive until another is keyed.
    private KeyOfConfig? _lastKey;

    private sealed record KeyOfConfig(IImmutableMap Config, string Namespace, string Key);

    private static readonly HybridCacheEntryOptions MemoryOnly = new() { Flags = HybridCacheEntryFlags.DisableDistributedCache };
    private static readonly DistributedCacheEntryOptions NoExpiry = new();

    /// <summary>Creates a cache over the given levels.</summary>
    /// <param name="memory">The memory level; its own second level, if any, is bypassed (entries go through <paramref name="store"/>, checked).</param>
    /// <param name="store">The second level, where entries outlive the process.</param>
    /// <param name="leases">The leases that let one worker compute each key.</param>
    /// <param name="logger">Where corrupted entries are reported.</param>
    public ConfigCache(HybridCache memory, IDistributedCache store, ICacheLeases leases, ILogger<ConfigCache>? logger = null)
        : this(memory, store, leases, logger, owned: null)
    {
    }

    private ConfigCache(HybridCache memory, IDistributedCache store, ICacheLeases leases, ILogger? logger, IAsyncDisposable? owned)
    {
        _memory = memory ?? throw new ArgumentNullException(nameof(memory));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _leases = leases ?? throw new ArgumentNullException(nameof(leases));
        _logger = logger ?? NullLogger.Instance;
        _owned = owned;
    }

    /// <summary>The default directory of the embedded store: <c>$XDG_CACHE_HOME/xmm</c>, else <c>~/.cache/xmm</c>.</summary>
    public static string DefaultDirectory
    {
        get
        {
            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string root = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg;
            return Path.Combine(root, "xmm");
        }
    }

    /// <summary>The embedded default: a SQLite file (<c>cache.db</c>) and file leases under <paramref name="directory"/>
    /// (default <see cref="DefaultDirectory"/>), safe for several processes on one machine.</summary>
    /// <exception cref="ConfigCacheException">The directory or the SQLite file cannot be created or opened.</exception>
    public static ConfigCache CreateDefault(string? directory = null, ILogger<ConfigCache>? logger = null)
    {
        directory ??= DefaultDirectory;
        try
        {
            Directory.CreateDirectory(directory);
            var leases = new FileLeases(Path.Combine(directory, "leases"));
            // NeoSmart creates its table without IF NOT EXISTS: processes opening a new file at once must take turns.
            var opening = leases.AcquireAsync("(open)", CancellationToken.None).AsTask().GetAwaiter().GetResult();
            try
            {
                var store = SqliteStore.Open(Path.Combine(directory, "cache.db"));
                return new ConfigCache(CreateMemory(), store, leases, logger, store);
            }
            finally
            {
                opening.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new ConfigCacheException($"Cannot open the cache in '{directory}': {e.Message}", e);
        }
    }

    /// <summary>A cache whose entries and leases live in Redis, shared by every machine that reaches it.</summary>
    /// <param name="configuration">The StackExchange.Redis configuration, e.g. <c>127.0.0.1:6379</c>.</param>
    /// <param name="leaseTimeToLive">How long a lease lasts without renewal (default 30 s).</param>
    /// <param name="logger">Where corrupted entries are reported.</param>
    /// <exception cref="ConfigCacheException">Redis cannot be reached.</exception>
    public static ConfigCache CreateRedis(string configuration, TimeSpan? leaseTimeToLive = null, ILogger<ConfigCache>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ConnectionMultiplexer connection;
        try
        {
            var options = ConfigurationOptions.Parse(configuration);
            options.AbortOnConnectFail = true;
            options.ConnectTimeout = 5000;
            connection = ConnectionMultiplexer.Connect(options);
        }
        catch (RedisException e)
        {
            throw new ConfigCacheException($"Cannot reach Redis at '{configuration}': {e.Message}", e);
        }
        var store = new RedisCache(new RedisCacheOptions
        {
            InstanceName = "xmm:",
            ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(connection),
        });
        return new ConfigCache(CreateMemory(), store, new RedisLeases(connection, leaseTimeToLive), logger, new OwnedConnection(connection));
    }

    /// <summary>The cache key of a config: <c>NAMESPACE:sha256:&lt;hex&gt;</c>.</summary>
    public static string KeyFor(string @namespace, ContentHash hash)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        return $"{@namespace}:{hash}";
    }

    /// <summary>Returns the bytes stored for (<paramref name="namespace"/>, the config's content hash), computing and
    /// storing them first if no worker anywhere has; a failed computation stores nothing.</summary>
    /// <exception cref="ConfigCacheException">The store cannot be reached.</exception>
    public ValueTask<byte[]> GetOrComputeBytesAsync(string @namespace, IImmutableMap config, Func<CancellationToken, ValueTask<byte[]>> compute, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return GetOrComputeBytesAsync(KeyOf(@namespace, config), compute, cancellationToken);
    }

    private string KeyOf(string @namespace, IImmutableMap config)
    {
        if (_lastKey is { } last && ReferenceEquals(last.Config, config) && string.Equals(last.Namespace, @namespace, StringComparison.Ordinal)) return last.Key;
        if (!_keys.TryGetValue(config, out var known) || !string.Equals(known.Namespace, @namespace, StringComparison.Ordinal))
        {
            known = new KeyOfConfig(config, @namespace, KeyFor(@namespace, config.ContentHash));
            _keys.AddOrUpdate(config, known);
        }
        _lastKey = known;
        return known.Key;
    }

    /// <summary>As <see cref="GetOrComputeBytesAsync(string, IImmutableMap, Func{CancellationToken, ValueTask{byte[]}}, CancellationToken)"/>, by key.</summary>
    public ValueTask<byte[]> GetOrComputeBytesAsync(string key, Func<CancellationToken, ValueTask<byte[]>> compute, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(compute);
        return _memory.GetOrCreateAsync(key, (Cache: this, Key: key, Compute: compute),
            static (state, ct) => state.Cache.DurableGetOrComputeAsync(state.Key, state.Compute, ct), MemoryOnly, cancellationToken: cancellationToken);
    }

    /// <summary>A config-valued result (a derived config, a summary), stored as its canonical encoding.</summary>
    public async ValueTask<ImmutableMap<string, object?>> GetOrComputeMapAsync(string @namespace, IImmutableMap config,
        Func<CancellationToken, ValueTask<ImmutableMap<string, object?>>> compute, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(compute);
        byte[] bytes = await GetOrComputeBytesAsync(@namespace, config, async ct => (await compute(ct).ConfigureAwait(false)).ToCanonicalBytes(), cancellationToken).ConfigureAwait(false);
        return MessagePackMapFormat.Instance.Read(bytes);
    }

    /// <summary>Any result, stored as JSON through a (source-generated) System.Text.Json contract.</summary>
    public async ValueTask<T> GetOrComputeAsync<T>(string @namespace, IImmutableMap config, Func<CancellationToken, ValueTask<T>> compute,
        JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentNullException.ThrowIfNull(typeInfo);
        byte[] bytes = await GetOrComputeBytesAsync(@namespace, config,
            async ct => JsonSerializer.SerializeToUtf8Bytes(await compute(ct).ConfigureAwait(false), typeInfo), cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(bytes, typeInfo)!;
    }

    /// <summary>Any result, stored as JSON through reflection-based System.Text.Json.</summary>
    [RequiresUnreferencedCode("Reflection-based System.Text.Json; use the JsonTypeInfo<T> overload under trimming and AOT.")]
    [RequiresDynamicCode("Reflection-based System.Text.Json; use the JsonTypeInfo<T> overload under trimming and AOT.")]
    public ValueTask<T> GetOrComputeAsync<T>(string @namespace, IImmutableMap config, Func<CancellationToken, ValueTask<T>> compute,
        JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= JsonSerializerOptions.Default;
        return GetOrComputeAsync(@namespace, config, compute, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)), cancellationToken);
    }

    /// <summary>The bytes stored for <paramref name="key"/>, or null: no entry, or a damaged one (reported, then treated as absent).</summary>
    /// <exception cref="ConfigCacheException">The store cannot be reached.</exception>
    public async ValueTask<byte[]?> TryGetBytesAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return await ReadAsync(key, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<byte[]> DurableGetOrComputeAsync(string key, Func<CancellationToken, ValueTask<byte[]>> compute, CancellationToken cancellationToken)
    {
        if (await ReadAsync(key, cancellationToken).ConfigureAwait(false) is { } hit) return hit;
        await using (await _leases.AcquireAsync(key, cancellationToken).ConfigureAwait(false))
        {
            // Another worker may have stored it while this one waited for the lease.
            if (await ReadAsync(key, cancellationToken).ConfigureAwait(false) is { } stored) return stored;
            byte[] payload = await compute(cancellationToken).ConfigureAwait(false);
            await WriteAsync(key, payload, cancellationToken).ConfigureAwait(false);
            return payload;
        }
    }

    private async ValueTask<byte[]?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        byte[]? entry;
        try
        {
            entry = await _store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ConfigCacheException)
        {
            throw new ConfigCacheException($"Cannot read '{key}' from the cache store: {e.Message}", e);
        }
        if (entry is null) return null;
        byte[]? payload = CacheEntry.Open(entry, out string? problem);
        if (payload is null) _logger.LogWarning("The cache entry {Key} is damaged ({Problem}); it is recomputed and overwritten.", key, problem);
        return payload;
    }

    private async ValueTask WriteAsync(string key, byte[] payload, CancellationToken cancellationToken)
    {
        try
        {
            await _store.SetAsync(key, CacheEntry.Seal(payload), NoExpiry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ConfigCacheException($"Cannot write '{key}' to the cache store: {e.Message}", e);
        }
    }

    private static HybridCache CreateMemory()
    {
        // HybridCache's default implementation is made by dependency injection; no IDistributedCache is registered
        // here, so its own second level is off and entries reach the store only through this class's checks.
        var services = new ServiceCollection();
        services.AddHybridCache();
        return services.BuildServiceProvider().GetRequiredService<HybridCache>();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_owned is not null) await _owned.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class OwnedConnection(ConnectionMultiplexer connection) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
