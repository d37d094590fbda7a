using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace Xmmutablemap.AspNetCore.Mvc;

/// <summary>
/// Writes any <see cref="IImmutableMap"/> with string keys as the minimal-API <see cref="MapHttpResult"/> does:
/// negotiated among the four formats with q-values, with the strong ETag <c>"sha256:&lt;hex&gt;"</c>, 304 on a
/// matching <c>If-None-Match</c>, and 406 when no acceptable format can carry the map.
/// </summary>
public sealed class MapOutputFormatter : OutputFormatter
{
    private readonly MapHttpOptions _options;

    /// <summary>Creates the formatter with the given options.</summary>
    public MapOutputFormatter(MapHttpOptions? options = null)
    {
        _options = options ?? MapHttpOptions.Default;
        foreach (string mediaType in MapMediaTypes.Readable) SupportedMediaTypes.Add(mediaType);
    }

    /// <inheritdoc/>
    protected override bool CanWriteType(Type? type) => type is not null && typeof(IImmutableMap).IsAssignableFrom(type);

    /// <inheritdoc/>
    public override bool CanWriteResult(OutputFormatterCanWriteContext context)
    {
        // Negotiation is this formatter's own (it also falls back between formats), so it takes every map result
        // whatever media type MVC matched.
        ArgumentNullException.ThrowIfNull(context);
        return context.Object is IImmutableMap;
    }

    /// <inheritdoc/>
    public override Task WriteAsync(OutputFormatterWriteContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        int status = response.StatusCode is >= 200 and < 300 ? response.StatusCode : StatusCodes.Status200OK;
        return MapResponseWriter.WriteAsync(context.HttpContext, (IImmutableMap)context.Object!, status, _options);
    }

    /// <inheritdoc/>
    public override Task WriteResponseBodyAsync(OutputFormatterWriteContext context) => WriteAsync(context);
}
