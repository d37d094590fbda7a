namespace Xmmutablemap.Serialization.Tests;

/// <summary>A seekable stream whose <see cref="Length"/> is off by a fixed amount, as a file that grows or shrinks while read.</summary>
internal sealed class MisreportedLengthStream(byte[] bytes, int lengthError) : MemoryStream(bytes, writable: false)
{
    public override long Length => base.Length + lengthError;

    // Not a MemoryStream whose buffer the reader may take over: it must read through Read like any file.
    public override bool TryGetBuffer(out ArraySegment<byte> buffer)
    {
        buffer = default;
        return false;
    }
}
