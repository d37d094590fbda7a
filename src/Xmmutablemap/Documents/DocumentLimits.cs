namespace Xmmutablemap.Documents;

/// <summary>
/// Limits for untrusted documents. Every reader and every writer of every format applies the same ones,
/// so that whatever a writer emits, the same format's reader accepts under the same limits.
/// </summary>
/// <example>
/// <code>
/// var limits = DocumentLimits.Default with { MaxDepth = 128 };
/// var config = MapFile.Load("deep.yaml", limits: limits);
/// </code>
/// </example>
public sealed record DocumentLimits
{
    /// <summary>The default limits: depth 64, at most 1,000,000 values added by YAML aliases.</summary>
    public static DocumentLimits Default { get; } = new();

    private readonly int _maxDepth = 64;
    private readonly long _maxAliasExpansion = 1_000_000;

    /// <summary>How deeply maps and lists may nest; the top-level map is depth 1. Default 64.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxDepth
    {
        get => _maxDepth;
        init => _maxDepth = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxDepth), value, "The depth limit must be at least 1.");
    }

    /// <summary>
    /// The most values that YAML aliases may add to a document: each use of an alias adds every value its
    /// anchor stands for. A "billion laughs" document fails fast; a document without aliases is never
    /// bounded by this (its size is bounded by its bytes). Default 1,000,000.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long MaxAliasExpansion
    {
        get => _maxAliasExpansion;
        init => _maxAliasExpansion = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxAliasExpansion), value, "The alias limit cannot be negative.");
    }

    /// <summary>
    /// Called by readers and writers on entering a map or list below <paramref name="path"/>: refuses nesting
    /// deeper than <see cref="MaxDepth"/>.
    /// </summary>
    /// <exception cref="DocumentException">The collection would be deeper than the limit.</exception>
    public void EnterCollection(DocumentPath path, DocumentPosition position = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Depth + 1 > _maxDepth) throw new DocumentException($"nesting is deeper than the limit of {_maxDepth}", path.ToString(), position);
    }
}
