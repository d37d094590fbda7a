namespace Xmmutablemap;

/// <summary>What happened to a leaf between two versions of a config.</summary>
public enum LeafChangeKind
{
    /// <summary>The leaf exists only in the new map.</summary>
    Added,
    /// <summary>The leaf exists only in the old map.</summary>
    Removed,
    /// <summary>The leaf exists in both with different values.</summary>
    Changed,
}
