using System.Buffers;
using Microsoft.AspNetCore.Http;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.AspNetCore;

/// <summary>
/// Reads a map from a request body: the format from <c>Content-Type</c> (else 415), at most
/// <see cref="MapHttpOptions.MaxRequestBodySize"/> bytes whatever <c>Content-Length</c> claims (else 413), then the
/// format's reader under the limits (else 400 naming path and position). Never throws for bad input.
/// </summary>
internal static class MapRequestReader
{
    public static async Task<(ImmutableMap<string, object?>? Map, IMapFormat? Format, MapRequestFailure? Failure)> ReadAsync(HttpRequest request, MapHttpOptions options)
    {
        if (!MapMediaTypes.TryGetFormat(request.ContentType, out var format))
        {
            string sent = string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"Content-Type '{request.ContentType}'";
            return (null, null, new MapRequestFailure(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"The request has {sent}; a config must be sent as one of: {string.Join(", ", MapMediaTypes.Readable)}."));
        }
        long max = options.MaxRequestBodySize;
        if (request.ContentLength > max) return (null, format, TooLarge(max));

        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 16 * 1024, max) + 1);
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > max) return (null, format, TooLarge(max));
                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, max + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                int read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted).ConfigureAwait(false);
                if (read == 0) break;
                length += read;
                // Stop reading a chunked body as soon as it passes the limit rather than buffering all of it.
                if (length > max) return (null, format, TooLarge(max));
            }
            try
            {
                return (format.Read(buffer.AsMemory(0, length), options.Limits), format, null);
            }
            catch (MapFormatException e)
            {
                return (null, format, new MapRequestFailure(StatusCodes.Status400BadRequest, "Bad config", e.Message, e));
            }
        }
        catch (BadHttpRequestException e)
        {
            // The server's own limits (Kestrel's MaxRequestBodySize, a body shorter than its Content-Length).
            return (null, format, new MapRequestFailure(e.StatusCode, "Bad request body", e.Message));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static MapRequestFailure TooLarge(long max) =>
        new(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The request body is larger than the limit of {max} bytes.");
}
