namespace Xmmutablemap.Documents;

/// <summary>
/// The path of the value a reader or writer is at, kept as a stack of segments and only spelled out
/// (in <see cref="ModelPath"/>'s spelling) when something fails.
/// </summary>
/// <example>
/// <code>
/// var path = new DocumentPath();
/// path.PushKey("layers"); path.PushIndex(2);
/// path.ToString();   // layers[2]
/// </code>
/// </example>
public sealed class DocumentPath
{
    private readonly List<Segment> _segments = [];

    /// <summary>How many segments deep the path is; the top level is 0.</summary>
    public int Depth => _segments.Count;

    /// <summary>Enters the entry with <paramref name="key"/> (a string or an integer) of the current map.</summary>
    public void PushKey(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _segments.Add(new Segment(key, 0));
    }

    /// <summary>Enters element <paramref name="index"/> of the current list.</summary>
    public void PushIndex(int index) => _segments.Add(new Segment(null, index));

    /// <summary>Moves to element <paramref name="index"/> of the list just entered (no push per element).</summary>
    /// <exception cref="InvalidOperationException">The innermost segment is not a list index.</exception>
    public void SetIndex(int index)
    {
        if (_segments.Count == 0 || _segments[^1].Key is not null) throw new InvalidOperationException("SetIndex needs a list index on top of the path.");
        _segments[^1] = new Segment(null, index);
    }

    /// <summary>Leaves the innermost segment.</summary>
    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    /// <summary>The path spelled as <see cref="ModelPath"/> does: <c>optimizer.lr</c>, <c>layers[2]</c>, empty for the top level.</summary>
    public override string ToString()
    {
        string path = ModelPath.Root;
        foreach (var segment in _segments)
            path = segment.Key is null ? ModelPath.Index(path, segment.Index) : ModelPath.Key(path, segment.Key);
        return path;
    }

    /// <summary>The path of the entry <paramref name="key"/> below this path, spelled out.</summary>
    public string ToString(object key) => ModelPath.Key(ToString(), key);

    // A key (string or boxed integer) or, when Key is null, a list index: no boxing per list element.
    private readonly record struct Segment(object? Key, int Index);
}
