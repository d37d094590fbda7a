using Microsoft.AspNetCore.Http;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.AspNetCore;

/// <summary>Why a request body gave no map: the status (400, 413, 415) and a detail for the client.</summary>
internal sealed record MapRequestFailure(int StatusCode, string Title, string Detail, MapFormatException? Document = null)
{
    public IResult ToResult() => Document is not null ? MapProblem.BadDocument(Document) : MapProblem.Create(StatusCode, Title, Detail);
}
