using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.AspNetCore;

/// <summary>
/// A minimal-API parameter that reads a map from the request body in the format its <c>Content-Type</c> names.
/// A body that cannot be read never reaches the handler: the client gets 415 (not a config media type), 413
/// (over <see cref="MapHttpOptions.MaxRequestBodySize"/>, however it is sent) or 400 <c>application/problem+json</c>
/// whose <c>detail</c> names the path and position.
/// </summary>
/// <example>
/// <code>
/// app.MapPost("/configs", (MapBody body) => Results.Ok(body.Map.ContentHash.ToString()));
/// </code>
/// </example>
public sealed class MapBody : IBindableFromHttpContext<MapBody>, IEndpointParameterMetadataProvider
{
    private readonly ImmutableMap<string, object?>? _map;
    private readonly IMapFormat? _format;

    private MapBody(ImmutableMap<string, object?>? map, IMapFormat? format, MapRequestFailure? failure)
    {
        _map = map;
        _format = format;
        Failure = failure;
    }

    /// <summary>The map read from the body.</summary>
    public ImmutableMap<string, object?> Map => _map ?? throw new InvalidOperationException("The request body held no readable map; the endpoint's filter answers such requests before the handler runs.");

    /// <summary>The format the body was sent in.</summary>
    public IMapFormat Format => _format ?? throw new InvalidOperationException("The request body named no config format.");

    /// <summary>Why the body gave no map; the filter this type adds to its endpoint answers with it.</summary>
    internal MapRequestFailure? Failure { get; }

    /// <summary>The map of a body.</summary>
    public static implicit operator ImmutableMap<string, object?>(MapBody body) => (body ?? throw new ArgumentNullException(nameof(body))).Map;

    /// <summary>Reads the body; called by minimal APIs. Never fails: an unreadable body is answered by the endpoint filter.</summary>
    public static async ValueTask<MapBody?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.RequestServices?.GetService<IOptions<MapHttpOptions>>()?.Value ?? MapHttpOptions.Default;
        var (map, format, failure) = await MapRequestReader.ReadAsync(context.Request, options).ConfigureAwait(false);
        return new MapBody(map, format, failure);
    }

    /// <summary>Adds the filter that answers unreadable bodies. (No <c>AcceptsMetadata</c>: routing would answer
    /// other media types with a bare 415 before the filter could say which ones are read.)</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Metadata.OfType<MapBodyFilter>().Any())
        {
            var filter = new MapBodyFilter();
            builder.Metadata.Add(filter);
            builder.FilterFactories.Add(filter.Create);
        }
    }
}
