using Microsoft.Extensions.Caching.Memory;
using Xmmutablemap;
using Xmmutablemap.Caching;
using Xmmutablemap.Serialization;
using Xmmutablemap.Serialization.MessagePack;

namespace ConfigRegistry;

/// <summary>
/// Configs by content hash, as canonical bytes in the cache's second level (an SQLite file, or Redis): adding is
/// idempotent and atomic across processes (the cache's lease per key), and every config read back is decoded and
/// re-hashed before it is served, so a damaged entry is an error, never a wrong config.
/// </summary>
public sealed class ConfigStore : IAsyncDisposable
{
    /// <summary>The cache namespace the registry's entries live under.</summary>
    public const string Namespace = "registry";

    private readonly ConfigCache _cache;

    // Decoded and verified configs, so a popular config is not decoded and re-hashed on every GET.
    private readonly MemoryCache _verified = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    /// <summary>Creates a store over a cache, which it disposes.</summary>
    public ConfigStore(ConfigCache cache) => _cache = cache ?? throw new ArgumentNullException(nameof(cache));

    /// <summary>Stores <paramref name="config"/>; true when it was not there before.</summary>
    public async Task<bool> AddAsync(ImmutableMap<string, object?> config, CancellationToken cancellationToken)
    {
        bool created = false;
        await _cache.GetOrComputeBytesAsync(ConfigCache.KeyFor(Namespace, config.ContentHash), _ =>
        {
            created = true;
            return ValueTask.FromResult(config.ToCanonicalBytes());
        }, cancellationToken);
        return created;
    }

    /// <summary>The config with <paramref name="hash"/>, or null when none was stored.</summary>
    /// <exception cref="InvalidDataException">The stored bytes do not decode to a config with that hash.</exception>
    public async Task<ImmutableMap<string, object?>?> FindAsync(ContentHash hash, CancellationToken cancellationToken)
    {
        if (_verified.TryGetValue(hash, out ImmutableMap<string, object?>? known)) return known;
        byte[]? bytes = await _cache.TryGetBytesAsync(ConfigCache.KeyFor(Namespace, hash), cancellationToken);
        if (bytes is null) return null;
        ImmutableMap<string, object?> config;
        try
        {
            config = MessagePackMapFormat.Instance.Read(bytes); // canonical bytes are MessagePack
        }
        catch (MapFormatException e)
        {
            throw new InvalidDataException($"The stored entry for {hash} does not decode: {e.Message}", e);
        }
        if (config.ContentHash != hash) throw new InvalidDataException($"The stored entry for {hash} hashes to {config.ContentHash}.");
        _verified.Set(hash, config, new MemoryCacheEntryOptions { Size = 1 });
        return config;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _verified.Dispose();
        await _cache.DisposeAsync();
    }
}
