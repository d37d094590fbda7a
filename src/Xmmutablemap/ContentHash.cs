using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Xmmutablemap;

/// <summary>
/// The SHA-256 digest of a map's canonical encoding (<c>schemas/canonical-encoding.md</c>), written
/// <c>sha256:</c> followed by 64 lowercase hex digits, the OCI digest convention.
/// </summary>
/// <example>
/// <code>
/// var hash = ImmutableMap.Of(("a", 1)).ContentHash;
/// string text = hash.ToString();          // "sha256:..."
/// var same = ContentHash.Parse(text);     // same == hash
/// </code>
/// </example>
public readonly struct ContentHash : IEquatable<ContentHash>, ISpanFormattable
{
    /// <summary>The length of the digest in bytes.</summary>
    public const int Length = 32;

    /// <summary>The prefix of the text form.</summary>
    public const string Prefix = "sha256:";

    // Four big-endian words: equality and hashing without an array.
    private readonly ulong _w0, _w1, _w2, _w3;

    /// <summary>Creates a hash from its 32 raw bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 32 bytes long.</exception>
    public ContentHash(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length) throw new ArgumentException($"A SHA-256 digest is {Length} bytes, not {bytes.Length}.", nameof(bytes));
        _w0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _w1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _w2 = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _w3 = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    /// <summary>Copies the 32 raw bytes into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 32 bytes.</exception>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Length) throw new ArgumentException($"The destination needs {Length} bytes.", nameof(destination));
        BinaryPrimitives.WriteUInt64BigEndian(destination, _w0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _w1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _w2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _w3);
    }

    /// <summary>Returns the 32 raw bytes in a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>The prefix of the file-name-safe form (<c>sha256-</c>): no <c>:</c>, which Windows file names and some URLs refuse.</summary>
    public const string FileNamePrefix = "sha256-";

    /// <summary>The 64 lowercase hex digits alone.</summary>
    public string Hex => ToString("x", null);

    /// <summary>A form safe for a file or directory name on every OS: <c>sha256-</c> and 64 lowercase hex digits.</summary>
    public string FileName => ToString("f", null);

    /// <summary>Parses any of the three forms: <c>sha256:&lt;hex&gt;</c>, <c>sha256-&lt;hex&gt;</c> (file-name safe) or the 64 hex digits alone (either case).</summary>
    /// <exception cref="FormatException">The text is in none of these forms.</exception>
    public static ContentHash Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var hash) ? hash : throw new FormatException($"Expected '{Prefix}' followed by 64 hex digits (or '{FileNamePrefix}<hex>', or the hex alone), got '{text}'.");
    }

    /// <summary>Tries to parse <c>sha256:&lt;hex&gt;</c>, <c>sha256-&lt;hex&gt;</c> or the 64 hex digits alone (either case).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ContentHash hash) => TryParse(text.AsSpan(), out hash);

    /// <summary>Tries to parse <c>sha256:&lt;hex&gt;</c>, <c>sha256-&lt;hex&gt;</c> or the 64 hex digits alone (either case).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ContentHash hash)
    {
        hash = default;
        if (text.Length == Prefix.Length + 2 * Length && (text.StartsWith(Prefix, StringComparison.Ordinal) || text.StartsWith(FileNamePrefix, StringComparison.Ordinal)))
            text = text[Prefix.Length..];
        if (text.Length != 2 * Length) return false;
        Span<byte> bytes = stackalloc byte[Length];
        if (Convert.FromHexString(text, bytes, out _, out int written) != System.Buffers.OperationStatus.Done || written != Length) return false;
        hash = new ContentHash(bytes);
        return true;
    }

    /// <summary>Returns <c>sha256:</c> followed by 64 lowercase hex digits.</summary>
    public override string ToString() => string.Create(Prefix.Length + 2 * Length, this, static (span, hash) => hash.TryFormat(span, out _, default, null));

    /// <summary>Formats the hash: <c>G</c> (or null or empty) gives <c>sha256:&lt;hex&gt;</c>, <c>x</c> the hex alone,
    /// <c>f</c> the file-name-safe <c>sha256-&lt;hex&gt;</c>.</summary>
    /// <exception cref="FormatException">Any other format.</exception>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        Span<char> text = stackalloc char[Prefix.Length + 2 * Length];
        if (!TryFormat(text, out int written, format, formatProvider)) throw new FormatException($"Unknown content hash format '{format}'; use G, x or f.");
        return new string(text[..written]);
    }

    /// <summary>Writes the hash in <paramref name="format"/> (<c>G</c>, <c>x</c> or <c>f</c>, as <see cref="ToString(string?, IFormatProvider?)"/>) without allocating.</summary>
    /// <returns>False when <paramref name="destination"/> is too short.</returns>
    /// <exception cref="FormatException">An unknown format.</exception>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        charsWritten = 0;
        string prefix = format switch
        {
            "" or "G" => Prefix,
            "x" => "",
            "f" => FileNamePrefix,
            _ => throw new FormatException($"Unknown content hash format '{format}'; use G, x or f."),
        };
        if (destination.Length < prefix.Length + 2 * Length) return false;
        prefix.CopyTo(destination);
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        Convert.TryToHexStringLower(bytes, destination[prefix.Length..], out int hexWritten);
        charsWritten = prefix.Length + hexWritten;
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(ContentHash other) => _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ContentHash other && Equals(other);

    /// <summary>The first 4 bytes of the digest: already uniformly distributed.</summary>
    public override int GetHashCode() => (int)(_w0 >> 32);

    /// <summary>Compares two hashes for equality.</summary>
    public static bool operator ==(ContentHash left, ContentHash right) => left.Equals(right);

    /// <summary>Compares two hashes for inequality.</summary>
    public static bool operator !=(ContentHash left, ContentHash right) => !left.Equals(right);
}
