using Microsoft.AspNetCore.Http;

namespace Xmmutablemap.AspNetCore;

/// <summary>Creates <see cref="MapHttpResult"/>s, as <see cref="TypedResults"/> does for other payloads.</summary>
/// <example>
/// <code>
/// app.MapGet("/configs/{name}", (string name) => MapResults.Ok(configs[name]));
/// app.MapPost("/configs", (MapBody body) => MapResults.Created($"/configs/{body.Map.ContentHash}", body.Map));
/// </code>
/// </example>
public static class MapResults
{
    /// <summary>200 with the map, negotiated, with its ETag.</summary>
    public static MapHttpResult Ok(ImmutableMap<string, object?> map) => new(map, StatusCodes.Status200OK);

    /// <summary>201 with a <c>Location</c> and the map, negotiated, with its ETag.</summary>
    public static MapHttpResult Created(string location, ImmutableMap<string, object?> map)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        return new MapHttpResult(map, StatusCodes.Status201Created, location);
    }
}
