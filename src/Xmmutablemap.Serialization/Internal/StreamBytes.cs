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
        using var copy = new MemoryStream();
        input.CopyTo(copy);
        return copy.GetBuffer().AsMemory(0, (int)copy.Length);
    }
}
