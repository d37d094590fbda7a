using System.Text.Json;

namespace Xmmutablemap.Json;

/// <summary>
/// The part of a JSON stream that the reader sees: as the reader consumes it, the unread tail moves to the
/// front and more is read behind it (the window doubles when one token is larger than it), so a large file
/// is never held whole while its tree is built.
/// </summary>
internal sealed class JsonStreamWindow
{
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _length;

    public JsonStreamWindow(Stream stream, int size)
    {
        _stream = stream;
        _buffer = new byte[Math.Max(size, 4)];
    }

    /// <summary>The offset of the window's first byte from where the document starts: a token's position is this plus its index in the window.</summary>
    public long Offset { get; private set; }

    /// <summary>Whether the stream has ended, so the window holds the rest of the document.</summary>
    public bool IsFinal { get; private set; }

    /// <summary>The bytes in the window now.</summary>
    public ReadOnlySpan<byte> Current => _buffer.AsSpan(0, _length);

    /// <summary>Fills the first window and returns a reader over it.</summary>
    public Utf8JsonReader Start(JsonReaderOptions options)
    {
        Fill(0);
        return new Utf8JsonReader(Current, IsFinal, new JsonReaderState(options));
    }

    /// <summary>
    /// Called when <paramref name="reader"/>'s <c>Read</c> returned false: keeps what it has not consumed,
    /// reads more, and replaces the reader with one over the new window that resumes where it stopped.
    /// </summary>
    /// <returns>False when the stream had already ended: there is nothing more to read.</returns>
    public bool Refill(ref Utf8JsonReader reader)
    {
        if (IsFinal) return false;
        int consumed = (int)reader.BytesConsumed;
        int tail = _length - consumed;
        if (consumed == 0 && tail == _buffer.Length)
        {
            Array.Resize(ref _buffer, checked(_buffer.Length * 2)); // one token larger than the window
        }
        else
        {
            Buffer.BlockCopy(_buffer, consumed, _buffer, 0, tail);
        }
        Offset += consumed;
        Fill(tail);
        reader = new Utf8JsonReader(Current, IsFinal, reader.CurrentState);
        return true;
    }

    private void Fill(int from)
    {
        _length = from;
        while (_length < _buffer.Length)
        {
            int read = _stream.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0)
            {
                IsFinal = true;
                return;
            }
            _length += read;
        }
    }
}
