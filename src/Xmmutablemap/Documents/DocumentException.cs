namespace Xmmutablemap.Documents;

/// <summary>
/// A document broke a rule of the data model (a duplicate key, an integer out of range, nesting too deep, ...),
/// or a reader found it malformed. It carries the path inside the document and the position, so that each
/// format can turn it into its library's own exception type, and the facade into <c>MapFormatException</c>.
/// </summary>
/// <example>
/// <code>
/// catch (DocumentException e) { Console.Error.WriteLine(e.Message); } // at optimizer.lr, line 3, column 5: the key "lr" appears more than once ...
/// </code>
/// </example>
public sealed class DocumentException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">What is wrong, without the location.</param>
    /// <param name="path">The path inside the document (<c>optimizer.lr</c>); empty for the top level.</param>
    /// <param name="position">Where in the document.</param>
    /// <param name="innerException">The underlying library's exception, if any.</param>
    public DocumentException(string reason, string path, DocumentPosition position = default, Exception? innerException = null)
        : this(reason, path, position, default, innerException)
    {
    }

    /// <summary>Creates the exception for a problem that involves two places (a key and its earlier duplicate).</summary>
    /// <param name="reason">What is wrong, without either location.</param>
    /// <param name="path">The path inside the document; empty for the top level.</param>
    /// <param name="position">Where the problem was found.</param>
    /// <param name="earlierPosition">The other place involved (the first occurrence of a duplicate key).</param>
    /// <param name="innerException">The underlying library's exception, if any.</param>
    public DocumentException(string reason, string path, DocumentPosition position, DocumentPosition earlierPosition, Exception? innerException = null)
        : base(Describe(WithEarlier(reason, earlierPosition), path, position), innerException)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(path);
        BaseReason = reason;
        Path = path;
        Position = position;
        EarlierPosition = earlierPosition;
    }

    /// <summary>What is wrong, without the location (but with the earlier position, when there is one).</summary>
    public string Reason => WithEarlier(BaseReason, EarlierPosition);

    /// <summary>The other place involved, such as the first occurrence of a duplicate key; <see cref="DocumentPosition.None"/> when there is none.</summary>
    public DocumentPosition EarlierPosition { get; }

    private string BaseReason { get; }

    /// <summary>The path inside the document (<c>optimizer.lr</c>, <c>layers[3]</c>); empty for the top level.</summary>
    public string Path { get; }

    /// <summary>Where in the document, when known.</summary>
    public DocumentPosition Position { get; }

    /// <summary>The same error with its positions mapped, e.g. from byte offsets to lines and columns by a reader that computes them only on failure.</summary>
    public DocumentException WithPositions(Func<DocumentPosition, DocumentPosition> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new(BaseReason, Path, map(Position), EarlierPosition.IsKnown ? map(EarlierPosition) : EarlierPosition, InnerException);
    }

    private static string WithEarlier(string reason, DocumentPosition earlier) => earlier.IsKnown ? $"{reason} (first at {earlier})" : reason;

    // "at a.b, line 3, column 7: reason": the form used inside native exception messages.
    private static string Describe(string reason, string path, DocumentPosition position)
    {
        string where = position.ToString();
        if (path.Length > 0) where = where.Length == 0 ? "at " + path : "at " + path + ", " + where;
        return where.Length == 0 ? reason : where + ": " + reason;
    }
}
