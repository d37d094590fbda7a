using global::MessagePack;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization.MessagePack;

/// <summary>The MessagePack format (MessagePack-CSharp): <c>.msgpack</c>/<c>.mpk</c>. What it writes is exactly the
/// canonical encoding, so the SHA-256 of a written file is the map's content hash.</summary>
public sealed class MessagePackMapFormat : IMapFormat
{
    /// <summary>The shared instance.</summary>
    public static MessagePackMapFormat Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "msgpack";

    /// <inheritdoc/>
    public IReadOnlyList<string> Extensions { get; } = [".msgpack", ".mpk"];

    /// <inheritdoc/>
    public ImmutableMap<string, object?> Read(Stream input, MapReaderOptions? options = null)
    {
        var bytes = StreamBytes.ReadAll(input);
        try
        {
            return MessagePackModelReader.ReadDocument(bytes, options ?? MapReaderOptions.Default);
        }
        catch (DocumentError e)
        {
            throw e.ToFacade(Name, ToNative(e));
        }
    }

    /// <inheritdoc/>
    public void Write(IImmutableMap map, Stream output)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(output);
        if (map.KeyType != typeof(string) && map.Count > 0 && map.GetKey(0) is not string)
            throw new MapFormatException(Name, "the top level must be a map with string keys");
        byte[] bytes;
        try
        {
            bytes = CanonicalEncoding.ToArray(map);
        }
        catch (NotSupportedException e)
        {
            throw new MapFormatException(Name, e.Message, innerException: new MessagePackSerializationException(e.Message, e));
        }
        output.Write(bytes);
    }

    /// <summary>The funnel: every failure becomes a <see cref="MessagePackSerializationException"/> naming path and byte offset.</summary>
    internal static MessagePackSerializationException ToNative(DocumentError e) => new(e.Describe(), e);
}
