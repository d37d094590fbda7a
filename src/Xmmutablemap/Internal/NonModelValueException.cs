namespace Xmmutablemap.Internal;

/// <summary>
/// Raised deep inside the canonical writer; each enclosing map or list prepends its segment on the
/// way out, so a path is only built when something actually fails.
/// </summary>
internal sealed class NonModelValueException(string reason, bool isLimit = false) : Exception(reason)
{
    /// <summary>Whether a limit the caller set was broken (not the data model itself).</summary>
    public bool IsLimit { get; } = isLimit;

    private readonly List<Func<string, string>> _segments = [];

    public string Reason { get; } = reason;

    public NonModelValueException Under(Func<string, string> segment)
    {
        _segments.Add(segment);
        return this;
    }

    public string Path
    {
        get
        {
            string path = ModelPath.Root;
            for (int i = _segments.Count - 1; i >= 0; i--) path = _segments[i](path);
            return path;
        }
    }

    public Exception ToPublic() => IsLimit
        ? new Documents.DocumentException(Reason, Path, default, this)
        : new ModelValueException(Reason.TrimEnd('.'), Path, this);
}
