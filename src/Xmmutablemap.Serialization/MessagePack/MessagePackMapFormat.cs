using global::MessagePack;
using Xmmutablemap.Documents;
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
    public ImmutableMap<string, object?> Read(Stream input, DocumentLimits? limits = null) =>
        FormatFunnel.Read(Name, input, limits, MessagePackModelReader.ReadDocument, ToNative);

    /// <inheritdoc/>
    public ImmutableMap<string, object?> Read(ReadOnlyMemory<byte> input, DocumentLimits? limits = null) =>
        FormatFunnel.Read(Name, input, limits, MessagePackModelReader.ReadDocument, ToNative);

    /// <inheritdoc/>
    public void Write(IImmutableMap map, Stream output, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        // The output is the canonical encoding itself, depth-limited as the reader is, and written only once complete.
        FormatFunnel.Write(Name, map, limits, l =>
        {
            var scratch = ScratchBuffer.Take();
            try
            {
                CanonicalEncoding.Write(scratch, map, l);
                output.Write(scratch.WrittenSpan);
            }
            finally
            {
                ScratchBuffer.Return(scratch);
            }
        }, ToNative);
    }

    /// <summary>The funnel: every failure becomes a <see cref="MessagePackSerializationException"/> naming path and byte offset.</summary>
    internal static MessagePackSerializationException ToNative(DocumentException e) => new(e.Message, e);
}
