namespace Xmmutablemap.Serialization.Internal;

/// <summary>The path of the value being read, kept as a stack of segments and only spelled out for an error.</summary>
internal sealed class DocumentPath
{
    private readonly List<Segment> _segments = [];

    public int Depth => _segments.Count;

    public void PushKey(object key) => _segments.Add(new Segment(key, 0));

    public void PushIndex(int index) => _segments.Add(new Segment(null, index));

    public void SetIndex(int index) => _segments[^1] = new Segment(null, index);

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public override string ToString()
    {
        string path = ModelPath.Root;
        foreach (var segment in _segments)
            path = segment.Key is null ? ModelPath.Index(path, segment.Index) : ModelPath.Key(path, segment.Key);
        return path;
    }

    // A key (string or boxed integer) or, when Key is null, a list index: no boxing per list element.
    private readonly record struct Segment(object? Key, int Index);
}
