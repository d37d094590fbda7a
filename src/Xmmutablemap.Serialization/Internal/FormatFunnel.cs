namespace Xmmutablemap.Serialization.Internal;

/// <summary>
/// The shape every built-in format's facade shares: read the input, run the format's own reader or
/// writer, and turn its <see cref="DocumentError"/> into a <see cref="MapFormatException"/> whose inner
/// exception is the library's own exception type (the format's funnel).
/// </summary>
internal static class FormatFunnel
{
    public static ImmutableMap<string, object?> Read(string format, Stream input, Func<ReadOnlyMemory<byte>, ImmutableMap<string, object?>> read, Func<DocumentError, Exception> toNative)
    {
        var bytes = StreamBytes.ReadAll(input);
        try
        {
            return read(bytes);
        }
        catch (DocumentError e)
        {
            throw e.ToFacade(format, toNative(e));
        }
    }

    public static byte[] Write(string format, IImmutableMap map, Func<IImmutableMap, byte[]> write, Func<DocumentError, Exception> toNative)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (map.Count > 0 && map.GetKey(0) is not string) throw new MapFormatException(format, "the top level must be a map with string keys");
        try
        {
            return write(map);
        }
        catch (DocumentError e)
        {
            throw e.ToFacade(format, toNative(e));
        }
    }
}
