namespace Xmmutablemap;

/// <summary>A leaf of a nested map (a value that is not a non-empty map or list) with its path, such as <c>optimizer.lr</c>.</summary>
/// <param name="Path">Where the leaf sits, spelled by <see cref="ModelPath"/>.</param>
/// <param name="Value">The leaf value (an empty map or list counts as a leaf).</param>
public readonly record struct MapLeaf(string Path, object? Value)
{
    /// <summary>Shows the leaf as <c>path: value</c>.</summary>
    public override string ToString() => $"{Path}: {ModelValue.Format(Value)}";
}
