using System.Net;
using System.Net.Http.Headers;
using Xmmutablemap.Documents;
using Xmmutablemap.Serialization;
using Xmmutablemap.Serialization.Json;

namespace Xmmutablemap.AspNetCore.Client;

/// <summary>
/// An <see cref="HttpContent"/> holding a map in one of the four formats, with its <c>Content-Type</c>; the
/// counterpart of <c>System.Net.Http.Json.JsonContent</c>. The document is written when the content is made, so a
/// map the format cannot carry fails here, not halfway through a request.
/// </summary>
/// <example>
/// <code>
/// using var response = await http.PostAsync("/configs", MapContent.Create(config, MessagePackMapFormat.Instance));
/// </code>
/// </example>
public sealed class MapContent : HttpContent
{
    private readonly byte[] _bytes;

    private MapContent(IImmutableMap map, IMapFormat format, byte[] bytes)
    {
        Map = map;
        Format = format;
        _bytes = bytes;
        Headers.ContentType = new MediaTypeHeaderValue(MapMediaTypes.GetMediaType(format));
    }

    /// <summary>The map sent.</summary>
    public IImmutableMap Map { get; }

    /// <summary>The format it is sent in.</summary>
    public IMapFormat Format { get; }

    /// <summary>The content for <paramref name="map"/> in <paramref name="format"/> (default JSON).</summary>
    /// <exception cref="MapFormatException">The format cannot carry the map (NaN or bytes in JSON, say).</exception>
    public static MapContent Create(IImmutableMap map, IMapFormat? format = null, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        format ??= JsonMapFormat.Instance;
        return new MapContent(map, format, format.WriteToArray(map, limits));
    }

    /// <inheritdoc/>
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

    /// <inheritdoc/>
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_bytes, cancellationToken).AsTask();

    /// <inheritdoc/>
    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) => stream.Write(_bytes);

    /// <inheritdoc/>
    protected override bool TryComputeLength(out long length)
    {
        length = _bytes.Length;
        return true;
    }
}
