using Xmmutablemap.Documents;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.AspNetCore.Client;

/// <summary>Reads a map from a response's content, in the format its <c>Content-Type</c> names.</summary>
/// <example>
/// <code>
/// var config = await response.Content.ReadAsMapAsync();
/// </code>
/// </example>
public static class HttpContentMapExtensions
{
    /// <summary>The map in <paramref name="content"/>.</summary>
    /// <exception cref="NotSupportedException">The <c>Content-Type</c> is not one of the four formats' media types.</exception>
    /// <exception cref="MapFormatException">The body is not a valid document of that format.</exception>
    public static async Task<ImmutableMap<string, object?>> ReadAsMapAsync(this HttpContent content, DocumentLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        string? contentType = content.Headers.ContentType?.ToString();
        if (!MapMediaTypes.TryGetFormat(contentType, out var format))
        {
            throw new NotSupportedException($"The content's type '{contentType ?? "(none)"}' is not a config format; expected one of: {string.Join(", ", MapMediaTypes.Readable)}.");
        }
        byte[] bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return format.Read(bytes, limits);
    }
}
