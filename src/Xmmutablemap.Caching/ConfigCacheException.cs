namespace Xmmutablemap.Caching;

/// <summary>The cache's store cannot be reached or used (Redis is down, the SQLite file cannot be opened); the message says which and why.</summary>
public sealed class ConfigCacheException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigCacheException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
