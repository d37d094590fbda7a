using ProtoBuf;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization.Protobuf;

/// <summary>The protobuf format: <c>.binpb</c>/<c>.pb</c>, a <c>xmmutablemap.v1.Map</c> message as defined in
/// <c>schemas/xmmutablemap.proto</c>, with entries in canonical key order.</summary>
public sealed class ProtobufMapFormat : IMapFormat
{
    /// <summary>The shared instance.</summary>
    public static ProtobufMapFormat Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "protobuf";

    /// <inheritdoc/>
    public IReadOnlyList<string> Extensions { get; } = [".binpb", ".pb"];

    /// <inheritdoc/>
    public ImmutableMap<string, object?> Read(Stream input, MapReaderOptions? options = null) =>
        FormatFunnel.Read(Name, input, bytes => ProtobufMapReader.ReadDocument(bytes, options ?? MapReaderOptions.Default), ToNative);

    /// <inheritdoc/>
    public void Write(IImmutableMap map, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(FormatFunnel.Write(Name, map, ProtobufMapWriter.WriteDocument, ToNative));
    }

    /// <summary>The funnel: every failure becomes a protobuf-net <see cref="ProtoException"/> naming path and byte offset.</summary>
    internal static ProtoException ToNative(DocumentError e) => new(e.Describe(), e);
}
