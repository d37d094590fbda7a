using System.Net;
using System.Net.Http.Headers;
using Xmmutablemap.Documents;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.AspNetCore.Client;

/// <summary>
/// Getting and posting maps with <see cref="HttpClient"/>. A map's ETag is its content hash, so a client that
/// already holds a map can ask "has it changed?" for free: <see cref="GetMapAsync"/> sends <c>If-None-Match</c> and
/// keeps the map it has on 304.
/// </summary>
/// <example>
/// <code>
/// var config = await http.GetMapAsync("/configs/current");
/// config = await http.GetMapAsync("/configs/current", current: config);   // 304: the same instance, no body sent
/// </code>
/// </example>
public static class HttpClientMapExtensions
{
    // MessagePack first: compact, and it carries every value (NaN, bytes, integer keys) that JSON cannot.
    private static readonly MediaTypeWithQualityHeaderValue[] DefaultAccept =
    [
        new(MapMediaTypes.MessagePack),
        new(MapMediaTypes.Protobuf, 0.9),
        new(MapMediaTypes.Json, 0.8),
        new(MapMediaTypes.Yaml, 0.7),
    ];

    /// <summary>
    /// GETs a map. With <paramref name="current"/>, sends <c>If-None-Match: "sha256:&lt;its hash&gt;"</c> and returns
    /// <paramref name="current"/> itself on 304. A response whose ETag names a hash is checked against its body.
    /// </summary>
    /// <exception cref="HttpRequestException">The status is not a success (nor a 304 answering <paramref name="current"/>),
    /// or the body does not hash to the ETag the server sent.</exception>
    /// <exception cref="NotSupportedException">The response is not in one of the four formats.</exception>
    /// <exception cref="MapFormatException">The body is not a valid document.</exception>
    public static async Task<ImmutableMap<string, object?>> GetMapAsync(this HttpClient client, string? requestUri, ImmutableMap<string, object?>? current = null,
        DocumentLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, requestUri);
        foreach (var accept in DefaultAccept) request.Headers.Accept.Add(accept);
        if (current is not null) request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"" + current.ContentHash.ToString() + "\""));

        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotModified && current is not null) return current;
        response.EnsureSuccessStatusCode();
        var map = await response.Content.ReadAsMapAsync(limits, cancellationToken).ConfigureAwait(false);
        string? tag = response.Headers.ETag?.Tag;
        if (tag is { Length: >= 2 } && ContentHash.TryParse(tag.AsSpan(1, tag.Length - 2), out var promised) && promised != map.ContentHash)
        {
            throw new HttpRequestException($"The response from {request.RequestUri} has ETag {tag}, but its body hashes to {map.ContentHash}.");
        }
        return map;
    }

    /// <summary>POSTs <paramref name="map"/> in <paramref name="format"/> (default JSON).</summary>
    /// <exception cref="MapFormatException">The format cannot carry the map.</exception>
    public static Task<HttpResponseMessage> PostMapAsync(this HttpClient client, string? requestUri, IImmutableMap map, IMapFormat? format = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PostAsync(requestUri, MapContent.Create(map, format), cancellationToken);
    }
}
