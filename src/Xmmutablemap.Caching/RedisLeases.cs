using StackExchange.Redis;

namespace Xmmutablemap.Caching;

/// <summary>
/// Leases across machines: <c>SET key token NX PX ttl</c>, renewed every third of the time to live while the holder
/// works, released only by the holder (a compare-and-delete script). A holder that dies stops renewing, and its
/// lease expires after at most <paramref name="timeToLive"/>.
/// </summary>
/// <param name="connection">The Redis connection.</param>
/// <param name="timeToLive">How long a lease lasts without renewal (default 30 s, so a dead holder's lease is taken over within 60 s).</param>
/// <param name="pollInterval">How often a waiter tries again (default 100 ms).</param>
public sealed class RedisLeases(IConnectionMultiplexer connection, TimeSpan? timeToLive = null, TimeSpan? pollInterval = null) : ICacheLeases
{
    private const string Release = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    private const string Renew = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

    private readonly TimeSpan _ttl = timeToLive ?? TimeSpan.FromSeconds(30);
    private readonly TimeSpan _poll = pollInterval ?? TimeSpan.FromMilliseconds(100);

    /// <inheritdoc/>
    public async ValueTask<IAsyncDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        var db = connection.GetDatabase();
        RedisKey lease = "xmm:lease:" + key;
        RedisValue token = Guid.NewGuid().ToString("N");
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool acquired;
            try
            {
                acquired = await db.StringSetAsync(lease, token, _ttl, When.NotExists).ConfigureAwait(false);
            }
            catch (RedisException e)
            {
                throw new ConfigCacheException($"Cannot take the lease for '{key}' in Redis: {e.Message}", e);
            }
            if (acquired) return new Lease(db, lease, token, _ttl);
            await Task.Delay(_poll, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class Lease : IAsyncDisposable
    {
        private readonly IDatabase _db;
        private readonly RedisKey _key;
        private readonly RedisValue _token;
        private readonly Timer _renewal;

        public Lease(IDatabase db, RedisKey key, RedisValue token, TimeSpan ttl)
        {
            _db = db;
            _key = key;
            _token = token;
            long ms = (long)ttl.TotalMilliseconds;
            _renewal = new Timer(_ =>
            {
                // Best effort: if Redis is unreachable the lease lapses, and another worker may compute too.
                try { _db.ScriptEvaluate(Renew, [_key], [_token, ms], CommandFlags.FireAndForget); } catch (RedisException) { }
            }, null, ttl / 3, ttl / 3);
        }

        public async ValueTask DisposeAsync()
        {
            await _renewal.DisposeAsync().ConfigureAwait(false);
            try
            {
                await _db.ScriptEvaluateAsync(Release, [_key], [_token]).ConfigureAwait(false);
            }
            catch (RedisException)
            {
                // Unreachable now: the lease expires by itself.
            }
        }
    }
}
