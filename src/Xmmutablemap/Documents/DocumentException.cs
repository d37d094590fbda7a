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

    /// <summary>The most characters of a document's text (a key, a number, a tag) that a reason quotes whole.</summary>
    public const int ExcerptLength = 64;

    /// <summary>The most characters of a path that a message shows whole: paths of real configs are shorter.</summary>
    public const int PathExcerptLength = 120;

    /// <summary>
    /// A document's text as an error message quotes it: whole when it is at most <paramref name="maxLength"/>
    /// characters, else its start and its end around an ellipsis, with its length. Every reason that quotes a
    /// document goes through it, so that a hostile document cannot make a message as long as itself.
    /// </summary>
    /// <param name="text">The text to quote.</param>
    /// <param name="maxLength">The longest text shown whole; at least 16.</param>
    /// <example>
    /// <code>
    /// DocumentException.Excerpt(new string('k', 100_000));   // "kkk...kkk (100,000 characters)", 40 k's then 23
    /// </code>
    /// </example>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is below 16.</exception>
    public static string Excerpt(string text, int maxLength = ExcerptLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 16);
        if (text.Length <= maxLength) return text;
        int head = maxLength * 5 / 8, tail = maxLength - head - 1;
        // Never half of a surrogate pair at either cut.
        if (char.IsHighSurrogate(text[head - 1])) head--;
        if (char.IsLowSurrogate(text[^tail])) tail--;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{text.AsSpan(0, head)}\u2026{text.AsSpan(text.Length - tail)} ({text.Length:N0} characters)");
    }

    private static string WithEarlier(string reason, DocumentPosition earlier) => earlier.IsKnown ? $"{reason} (first at {earlier})" : reason;

    // "at a.b, line 3, column 7: reason": the form used inside native exception messages. A long path (a hostile
    // document's 100,000-character key) is shown cut; the Path property keeps it whole.
    private static string Describe(string reason, string path, DocumentPosition position)
    {
        string where = position.ToString();
        if (path.Length > 0) where = where.Length == 0 ? "at " + Excerpt(path, PathExcerptLength) : "at " + Excerpt(path, PathExcerptLength) + ", " + where;
        return where.Length == 0 ? reason : where + ": " + reason;
    }
}
