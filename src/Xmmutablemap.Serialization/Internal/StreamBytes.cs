namespace Xmmutablemap.Serialization.Internal;

/// <summary>Reads a whole input stream: documents are parsed from memory so positions and trailing data can be checked.</summary>
internal static class StreamBytes
{
    public static ReadOnlyMemory<byte> ReadAll(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // A memory stream over bytes we may see (as MapFormatExtensions.Read makes): read them in place.
        if (input is MemoryStream memory && memory.TryGetBuffer(out var segment))
        {
            int start = (int)memory.Position;
            memory.Position = memory.Length;
            return segment.AsMemory(start, segment.Count - start);
        }
        // A file (any stream that knows its length): one array of exactly its size. Copying into a growing
        // MemoryStream instead holds up to three times the file at its peak (the old and the doubled buffer).
        if (input.CanSeek && input.Length - input.Position is var remaining && remaining >= 0 && remaining < Array.MaxLength)
        {
            var bytes = new byte[remaining];
            int read = input.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (read < bytes.Length) return bytes.AsMemory(0, read); // it shrank while we read
            int next = input.ReadByte();
            if (next < 0) return bytes;
            // It grew while we read: keep what we have and read on.
            using var grown = new MemoryStream();
            grown.Write(bytes);
            grown.WriteByte((byte)next);
            input.CopyTo(grown);
            return grown.GetBuffer().AsMemory(0, (int)grown.Length);
        }
        using var copy = new MemoryStream();
        input.CopyTo(copy);
        return copy.GetBuffer().AsMemory(0, (int)copy.Length);
    }
}
