namespace Xmmutablemap.Serialization;

/// <summary>Limits applied while reading untrusted documents. The same defaults hold in every format.</summary>
public sealed record MapReaderOptions
{
    /// <summary>The default options: depth 64, at most 1,000,000 values after YAML alias expansion.</summary>
    public static MapReaderOptions Default { get; } = new();

    /// <summary>How deeply maps and lists may nest; the top-level map is depth 1. Default 64.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// The most values a document may hold once YAML aliases are counted at every place they are used,
    /// so that a "billion laughs" document fails fast. Default 1,000,000.
    /// </summary>
    public long MaxValues { get; init; } = 1_000_000;
}
