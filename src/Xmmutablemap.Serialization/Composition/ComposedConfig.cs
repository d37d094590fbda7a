using System.Collections.Immutable;

namespace Xmmutablemap.Serialization.Composition;

/// <summary>The result of <see cref="ConfigComposer.Compose"/>: the frozen config and, for every leaf, what set it last.</summary>
/// <param name="Map">The composed config.</param>
/// <param name="Origins">Per leaf of <see cref="MapTree.Leaves"/>, in its order: the leaf's path and its source,
/// <c>FILE:LINE:COLUMN</c> for JSON and YAML, <c>FILE</c> for binary formats, or the override's own text.</param>
public sealed record ComposedConfig(ImmutableMap<string, object?> Map, ImmutableArray<(string Path, string Source)> Origins)
{
    /// <summary>The content hash of <see cref="Map"/>.</summary>
    public ContentHash ContentHash => Map.ContentHash;

    /// <summary>What set the leaf at <paramref name="path"/> last, or null when there is no such leaf.</summary>
    public string? OriginOf(string path) => Origins.FirstOrDefault(o => o.Path == path).Source;
}
