using Xmmutablemap.Documents;

namespace Xmmutablemap.AspNetCore;

/// <summary>How maps are read from request bodies; configure with
/// <see cref="MapHttpServiceCollectionExtensions.AddImmutableMapHttp"/>.</summary>
public sealed class MapHttpOptions
{
    /// <summary>The options used when none are registered.</summary>
    public static MapHttpOptions Default { get; } = new();

    /// <summary>The largest request body read, in bytes (default 1 MiB); a larger one is answered with 413,
    /// whether its <c>Content-Length</c> says so up front or it arrives chunked.</summary>
    public long MaxRequestBodySize { get; set; } = 1 << 20;

    /// <summary>The reader limits (nesting depth, alias expansion) applied to every body and response.</summary>
    public DocumentLimits Limits { get; set; } = DocumentLimits.Default;
}
