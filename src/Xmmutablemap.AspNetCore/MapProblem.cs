using Microsoft.AspNetCore.Http;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.AspNetCore;

/// <summary>The <c>application/problem+json</c> answers of this package, so every refusal looks the same.</summary>
internal static class MapProblem
{
    public static IResult Create(int statusCode, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: statusCode, title: title, extensions: extensions);

    /// <summary>A bad document: 400 whose detail names the path and position, with both as extensions too.</summary>
    public static IResult BadDocument(MapFormatException error)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["format"] = error.Format,
            ["path"] = error.DocumentPath,
        };
        if (error.Line is { } line) extensions["line"] = line;
        if (error.Column is { } column) extensions["column"] = column;
        if (error.ByteOffset is { } offset) extensions["byteOffset"] = offset;
        return Create(StatusCodes.Status400BadRequest, "The config in the request body cannot be read", error.Message, extensions);
    }
}
