namespace Xmmutablemap.Caching;

/// <summary>
/// Leases that let one worker at a time compute the entry for a key, across processes (and, for Redis, machines).
/// A worker that dies loses its lease: the OS releases a file lock at once, Redis lets a lease expire.
/// </summary>
public interface ICacheLeases
{
    /// <summary>Waits until this worker holds the lease for <paramref name="key"/>; disposing the result releases it.</summary>
    /// <exception cref="ConfigCacheException">The store that holds the leases cannot be reached.</exception>
    ValueTask<IAsyncDisposable> AcquireAsync(string key, CancellationToken cancellationToken);
}
