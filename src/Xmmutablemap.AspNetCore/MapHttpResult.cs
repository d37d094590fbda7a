using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Xmmutablemap.AspNetCore;

/// <summary>
/// A minimal-API result that answers with a map in the format the client's <c>Accept</c> prefers (JSON, YAML,
/// MessagePack or protobuf), with the strong ETag <c>"sha256:&lt;hex&gt;"</c>, and 304 when <c>If-None-Match</c>
/// already names it. Made by <see cref="MapResults"/>.
/// </summary>
/// <example>
/// <code>
/// app.MapGet("/config", () => MapResults.Ok(config));
/// </code>
/// </example>
public sealed class MapHttpResult : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ImmutableMap<string, object?>>, IEndpointMetadataProvider
{
    internal MapHttpResult(ImmutableMap<string, object?> map, int statusCode, string? location = null)
    {
        Value = map ?? throw new ArgumentNullException(nameof(map));
        StatusCode = statusCode;
        Location = location;
    }

    /// <summary>The <c>Location</c> header of a 201, else null.</summary>
    public string? Location { get; }

    /// <summary>The map answered.</summary>
    public ImmutableMap<string, object?> Value { get; }

    /// <summary>The status of a response with a body (a 304 or 406 replaces it).</summary>
    public int StatusCode { get; }

    object? IValueHttpResult.Value => Value;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <inheritdoc/>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (Location is not null) httpContext.Response.Headers.Location = Location;
        var options = httpContext.RequestServices?.GetService<IOptions<MapHttpOptions>>()?.Value ?? MapHttpOptions.Default;
        return MapResponseWriter.WriteAsync(httpContext, Value, StatusCode, options);
    }

    /// <summary>Describes the response (200, in every media type) for OpenAPI.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(ImmutableMap<string, object?>), MapMediaTypes.Readable.ToArray()));
    }
}
