using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.AspNetCore;

/// <summary>
/// Writes a map as a response, shared by <see cref="MapHttpResult"/> and the MVC output formatter: the strong ETag
/// <c>"sha256:&lt;hex&gt;"</c>, 304 on a matching <c>If-None-Match</c>, then the first acceptable format that can
/// carry the map (a map with NaN is not bent to fit JSON; it goes to the next acceptable format), else 406.
/// </summary>
internal static class MapResponseWriter
{
    public static async Task WriteAsync(HttpContext context, IImmutableMap map, int statusCode, MapHttpOptions options)
    {
        var request = context.Request;
        var response = context.Response;
        var hash = map.ContentHash;
        response.Headers.Vary = HeaderNames.Accept;

        if (IfNoneMatchMatches(request, hash))
        {
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.Headers.ETag = ETagOf(hash);
                return;
            }
            await MapProblem.Create(StatusCodes.Status412PreconditionFailed, "Precondition failed",
                $"If-None-Match matches {hash}.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var choices = MapContentNegotiation.Negotiate(request.Headers.Accept);
        var refusals = new List<string>();
        foreach (var (format, mediaType) in choices)
        {
            byte[] body;
            try
            {
                body = MapEncodings.Encode(map, format, options.Limits);
            }
            catch (MapFormatException e)
            {
                refusals.Add(e.Message);
                continue;
            }
            response.StatusCode = statusCode;
            response.Headers.ETag = ETagOf(hash);
            response.ContentType = mediaType;
            response.ContentLength = body.Length;
            if (!HttpMethods.IsHead(request.Method))
            {
                await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            }
            return;
        }

        string detail = choices.Count == 0
            ? $"The Accept header '{request.Headers.Accept}' allows none of: {string.Join(", ", MapMediaTypes.Readable)}."
            : $"None of the acceptable formats can carry this config: {string.Join("; ", refusals)}";
        await MapProblem.Create(StatusCodes.Status406NotAcceptable, "Not acceptable", detail).ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>The strong entity tag of a map: its content hash, quoted.</summary>
    public static string ETagOf(ContentHash hash) => "\"" + hash.ToString() + "\"";

    /// <summary>Whether <c>If-None-Match</c> names this hash (weak comparison, as RFC 9110 asks for this header) or is <c>*</c>.</summary>
    public static bool IfNoneMatchMatches(HttpRequest request, ContentHash hash)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags)) return false;
        foreach (var tag in tags)
        {
            if (tag.Equals(EntityTagHeaderValue.Any)) return true;
            var text = tag.Tag.AsSpan();
            if (text.Length >= 2 && ContentHash.TryParse(text[1..^1], out var named) && named == hash) return true;
        }
        return false;
    }
}
