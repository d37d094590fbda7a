namespace Xmmutablemap.Serialization.Internal;

/// <summary>Reads a whole input stream: documents are parsed from memory so positions and trailing data can be checked.</summary>
internal static class StreamBytes
{
    public static byte[] ReadAll(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input is MemoryStream memory && memory.TryGetBuffer(out var segment) && memory.Position == 0)
            return segment.AsSpan(0, (int)memory.Length).ToArray();
        using var copy = new MemoryStream();
        input.CopyTo(copy);
        return copy.ToArray();
    }
}
