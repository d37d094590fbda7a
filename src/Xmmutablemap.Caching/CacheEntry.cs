using System.Security.Cryptography;

namespace Xmmutablemap.Caching;

/// <summary>
/// The stored form of a payload: "XMC1", the SHA-256 of the payload, then the payload. A read whose digest does
/// not match (a flipped byte on disk or in Redis, a truncated write) is refused, never returned.
/// </summary>
internal static class CacheEntry
{
    private static ReadOnlySpan<byte> Magic => "XMC1"u8;
    private const int HeaderLength = 4 + SHA256.HashSizeInBytes;

    public static byte[] Seal(ReadOnlySpan<byte> payload)
    {
        var entry = new byte[HeaderLength + payload.Length];
        Magic.CopyTo(entry);
        SHA256.HashData(payload, entry.AsSpan(4, SHA256.HashSizeInBytes));
        payload.CopyTo(entry.AsSpan(HeaderLength));
        return entry;
    }

    /// <summary>The payload, or null with the reason when the entry is damaged.</summary>
    public static byte[]? Open(byte[] entry, out string? problem)
    {
        problem = null;
        if (entry.Length < HeaderLength || !entry.AsSpan(0, 4).SequenceEqual(Magic))
        {
            problem = "it does not start with the entry header";
            return null;
        }
        var payload = entry.AsSpan(HeaderLength);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(payload, digest);
        if (!digest.SequenceEqual(entry.AsSpan(4, SHA256.HashSizeInBytes)))
        {
            problem = "its SHA-256 does not match its payload";
            return null;
        }
        return payload.ToArray();
    }
}
