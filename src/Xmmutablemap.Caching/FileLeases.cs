using System.Security.Cryptography;
using System.Text;

namespace Xmmutablemap.Caching;

/// <summary>
/// Leases for one machine: an exclusive lock on a file per key (<c>flock</c> on Linux and macOS, a share lock on
/// Windows), which the OS releases the moment its process exits or is killed, so a waiter takes over at once.
/// </summary>
/// <param name="directory">Where the lock files live; created if missing.</param>
/// <param name="pollInterval">How often a waiter tries again (default 50 ms).</param>
public sealed class FileLeases(string directory, TimeSpan? pollInterval = null) : ICacheLeases
{
    private readonly TimeSpan _poll = pollInterval ?? TimeSpan.FromMilliseconds(50);

    /// <inheritdoc/>
    public async ValueTask<IAsyncDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        // A short, file-name-safe name per key, whatever characters the key has.
        string name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40] + ".lock";
        string path = Path.Combine(directory, name);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                return new Lease(stream);
            }
            catch (IOException)
            {
                // Held by another process (or another thread of this one): wait and try again.
            }
            catch (UnauthorizedAccessException e)
            {
                throw new ConfigCacheException($"Cannot lock '{path}': {e.Message}", e);
            }
            await Task.Delay(_poll, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class Lease(FileStream stream) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }
}
