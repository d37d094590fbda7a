using NeoSmart.Caching.Sqlite;

namespace Xmmutablemap.Caching;

/// <summary>The embedded second level: NeoSmart's SQLite <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>,
/// with SQLite's native library initialised once.</summary>
internal static class SqliteStore
{
    static SqliteStore() => SQLitePCL.Batteries.Init();

    public static SqliteCache Open(string path) =>
        new(new SqliteCacheOptions { CachePath = path, CleanupInterval = null }, Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteCache>.Instance);
}
