namespace Xmmutablemap.Serialization.Internal;

/// <summary>The path of the value being read, kept as a stack of segments and only spelled out for an error.</summary>
internal sealed class DocumentPath
{
    private readonly List<object> _segments = []; // string or long key, or int index boxed as Index

    public int Depth => _segments.Count;

    public void PushKey(object key) => _segments.Add(key);

    public void PushIndex(int index) => _segments.Add(new Index(index));

    public void SetIndex(int index) => _segments[^1] = new Index(index);

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public override string ToString()
    {
        string path = ModelPath.Root;
        foreach (var segment in _segments)
            path = segment is Index i ? ModelPath.Index(path, i.Value) : ModelPath.Key(path, segment);
        return path;
    }

    private readonly record struct Index(int Value);
}
