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
    public ImmutableMap<string, object?> Read(Stream input, MapReaderOptions? options = null) =>
        FormatFunnel.Read(Name, input, bytes => MessagePackModelReader.ReadDocument(bytes, options ?? MapReaderOptions.Default), ToNative);

    /// <inheritdoc/>
    public void Write(IImmutableMap map, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(FormatFunnel.Write(Name, map, Canonical, ToNative));
    }

    // The output is the canonical encoding itself.
    private static byte[] Canonical(IImmutableMap map)
    {
        try
        {
            return CanonicalEncoding.ToArray(map);
        }
        catch (NotSupportedException e)
        {
            throw new DocumentError(e.Message, "", inner: e);
        }
    }

    /// <summary>The funnel: every failure becomes a <see cref="MessagePackSerializationException"/> naming path and byte offset.</summary>
    internal static MessagePackSerializationException ToNative(DocumentError e) => new(e.Describe(), e);
}
