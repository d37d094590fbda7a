namespace Xmmutablemap.Serialization.Tests;

/// <summary>Seekable, but not a MemoryStream: what a file looks like to the reader.</summary>
internal sealed class ShortReadFileLikeStream(byte[] bytes) : Stream
{
    private readonly MemoryStream _inner = new(bytes, writable: false);
    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => _inner.Length;
    public override long Position { get => _inner.Position; set => _inner.Position = value; }
    public override void Flush() { }
    // One to three bytes at a time: the window must fill itself from short reads.
    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 1 + (int)(_inner.Position % 3)));
    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
