namespace Xmmutablemap.Documents;

/// <summary>
/// Counts the values that aliases (YAML's <c>*name</c>) add to a document, against
/// <see cref="DocumentLimits.MaxAliasExpansion"/>, so that a "billion laughs" document fails fast.
/// </summary>
/// <param name="limits">The limits in force.</param>
public sealed class AliasBudget(DocumentLimits limits)
{
    private readonly long _max = (limits ?? throw new ArgumentNullException(nameof(limits))).MaxAliasExpansion;
    private long _spent;

    /// <summary>The values added by aliases so far.</summary>
    public long Spent => _spent;

    /// <summary>Records one use of an alias that stands for <paramref name="values"/> values.</summary>
    /// <exception cref="DocumentException">The aliases now add more than the limit.</exception>
    public void Spend(long values, DocumentPath path, DocumentPosition position = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        _spent += values;
        if (_spent > _max)
            throw new DocumentException($"aliases add more than {_max} values to the document (an alias bomb?)", path.ToString(), position);
    }
}
