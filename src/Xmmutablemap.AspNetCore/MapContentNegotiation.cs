using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.AspNetCore;

/// <summary>
/// Chooses among the four formats from an <c>Accept</c> header: q-values honoured (<c>q=0</c> refuses), the most
/// specific range decides a media type's q (<c>application/yaml;q=0</c> beats <c>*/*</c>), ties go to the range the
/// client listed first, then to JSON, YAML, MessagePack, protobuf. No <c>Accept</c> (or an unreadable one) is
/// <c>*/*</c>.
/// </summary>
/// <example>
/// <code>
/// var choices = MapContentNegotiation.Negotiate("application/yaml;q=0.5, application/msgpack");
/// // [(msgpack, "application/msgpack"), (yaml, "application/yaml")]
/// </code>
/// </example>
public static class MapContentNegotiation
{
    /// <summary>The acceptable formats, best first, each with the media type to answer with: the one the client
    /// named when it named one of the format's media types, else the format's own. Empty when nothing is acceptable.</summary>
    public static IReadOnlyList<(IMapFormat Format, string MediaType)> Negotiate(StringValues accept)
    {
        // Most clients send no Accept, */* or one of the media types: answer those from a table, not a parse.
        if (StringValues.IsNullOrEmpty(accept)) return Common[""];
        if (accept.Count == 1 && Common.TryGetValue(accept[0]!, out var common)) return common;
        return Parse(accept);
    }

    private static readonly Dictionary<string, IReadOnlyList<(IMapFormat Format, string MediaType)>> Common =
        new[] { "", "*/*" }.Concat(MapMediaTypes.Readable).ToDictionary(a => a, a => Parse(a), StringComparer.Ordinal);

    private static IReadOnlyList<(IMapFormat Format, string MediaType)> Parse(StringValues accept)
    {
        IList<MediaTypeHeaderValue>? ranges = null;
        if (!StringValues.IsNullOrEmpty(accept) && (!MediaTypeHeaderValue.TryParseList(accept, out ranges) || ranges.Count == 0))
        {
            ranges = null; // An unreadable Accept is ignored, as RFC 9110 allows, rather than refused.
        }

        var choices = new List<(IMapFormat Format, string MediaType, double Quality, int Position, int Order)>();
        int order = 0;
        foreach (var (format, mediaTypes) in MapMediaTypes.All)
        {
            (string MediaType, double Quality, int Specificity, int Position)? best = null;
            foreach (string mediaType in mediaTypes)
            {
                var match = ranges is null ? (Quality: 1.0, Specificity: 0, Position: 0) : Match(ranges, mediaType);
                if (match.Specificity < 0 || match.Quality <= 0) continue;
                // Answer with the client's own spelling when it named this media type; else the format's first.
                string answer = match.Specificity == 2 ? mediaType : mediaTypes[0];
                if (best is null || match.Quality > best.Value.Quality
                    || (match.Quality == best.Value.Quality && match.Specificity > best.Value.Specificity))
                {
                    best = (answer, match.Quality, match.Specificity, match.Position);
                }
            }
            if (best is { } b) choices.Add((format, b.MediaType, b.Quality, b.Position, order));
            order++;
        }
        return choices
            .OrderByDescending(c => c.Quality).ThenBy(c => c.Position).ThenBy(c => c.Order)
            .Select(c => (c.Format, c.MediaType))
            .ToArray();
    }

    /// <summary>The q of the most specific range matching <paramref name="mediaType"/> (specificity 2 exact, 1
    /// <c>type/*</c>, 0 <c>*/*</c>, -1 none), and that range's position in the header.</summary>
    private static (double Quality, int Specificity, int Position) Match(IList<MediaTypeHeaderValue> ranges, string mediaType)
    {
        int slash = mediaType.IndexOf('/');
        var type = mediaType.AsSpan(0, slash);
        var subType = mediaType.AsSpan(slash + 1);
        (double Quality, int Specificity, int Position) best = (0, -1, int.MaxValue);
        for (int i = 0; i < ranges.Count; i++)
        {
            var range = ranges[i];
            int specificity;
            if (range.MatchesAllTypes) specificity = 0;
            else if (!range.Type.AsSpan().Equals(type, StringComparison.OrdinalIgnoreCase)) continue;
            else if (range.MatchesAllSubTypes) specificity = 1;
            else if (range.SubType.AsSpan().Equals(subType, StringComparison.OrdinalIgnoreCase)) specificity = 2;
            else continue;
            if (specificity > best.Specificity) best = (range.Quality ?? 1.0, specificity, i);
        }
        return best;
    }
}
