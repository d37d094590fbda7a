namespace Xmmutablemap;

/// <summary>One line of a <see cref="MapTree.Diff"/>: a leaf path with its old and new values.</summary>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="Path">The leaf path, such as <c>optimizer.lr</c>.</param>
/// <param name="OldValue">The value in the old map (<see langword="null"/> when added).</param>
/// <param name="NewValue">The value in the new map (<see langword="null"/> when removed).</param>
public sealed record LeafChange(LeafChangeKind Kind, string Path, object? OldValue, object? NewValue)
{
    /// <summary>Shows the change like a diff line: <c>~ optimizer.lr: 0.001 -> 0.0003</c>, <c>+ data.shuffle: true</c>, <c>- model.dropout: 0.1</c>.</summary>
    public override string ToString() => Kind switch
    {
        LeafChangeKind.Added => $"+ {ModelPath.Display(Path)}: {ModelValue.Format(NewValue)}",
        LeafChangeKind.Removed => $"- {ModelPath.Display(Path)}: {ModelValue.Format(OldValue)}",
        _ => $"~ {ModelPath.Display(Path)}: {ModelValue.Format(OldValue)} -> {ModelValue.Format(NewValue)}",
    };
}
