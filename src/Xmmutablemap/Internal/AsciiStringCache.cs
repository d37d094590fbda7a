using System.Buffers.Binary;
using System.Text;

namespace Xmmutablemap.Internal;

/// <summary>
/// Recently decoded short ASCII strings, per thread, so that readers hand out one string for the keys and
/// values that repeat through a document (every layer's <c>"units"</c>, <c>"gelu"</c>) instead of allocating
/// each again: less to collect while reading, and less memory held by a large tree.
/// </summary>
/// <remarks>
/// A direct-mapped table of 256 strings of at most 32 chars (at most about 25 KB a thread). A hit compares
/// the bytes with the cached string; a miss decodes as usual and takes the slot. Only ASCII is cached, so a
/// hit never needs UTF-8 validation: the bytes equal the chars of a string that was already valid.
/// </remarks>
internal static class AsciiStringCache
{
    public const int MaxLength = 32;
    private const int SlotBits = 8;

    [ThreadStatic] private static string?[]? t_slots;

    /// <summary>The string for <paramref name="utf8"/> when it is short ASCII; else null (decode it yourself).</summary>
    public static string? GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength) return null;
        var slots = t_slots ??= new string?[1 << SlotBits];
        ref string? slot = ref slots[Slot(utf8)];
        if (slot is { } cached && cached.Length == utf8.Length && Ascii.Equals(utf8, cached)) return cached;
        if (!Ascii.IsValid(utf8)) return null;
        var text = Encoding.ASCII.GetString(utf8);
        slot = text;
        return text;
    }

    private static int Slot(ReadOnlySpan<byte> s)
    {
        const ulong K = 0x9E3779B97F4A7C15;
        ulong h = (ulong)s.Length * K;
        if (s.Length >= 8)
        {
            h ^= BinaryPrimitives.ReadUInt64LittleEndian(s);
            h *= K;
            if (s.Length > 16) h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(s[8..])) * K;
            h ^= BinaryPrimitives.ReadUInt64LittleEndian(s[^8..]);
        }
        else if (s.Length >= 4)
        {
            h ^= BinaryPrimitives.ReadUInt32LittleEndian(s) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(s[^4..]) << 32);
        }
        else
        {
            foreach (byte b in s) h = (h << 8) | b;
        }
        h *= K;
        return (int)(h >> (64 - SlotBits));
    }
}
