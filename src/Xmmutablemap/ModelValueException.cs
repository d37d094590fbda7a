namespace Xmmutablemap;

/// <summary>
/// A value cannot be encoded: it is outside the data model (a <c>List&lt;T&gt;</c>, a user class, a lone
/// surrogate), or it nests deeper than the limit the caller gave. Thrown by <see cref="ImmutableMap{TKey, TValue}.ContentHash"/>
/// and <see cref="CanonicalEncoding"/>; <see cref="Path"/> names where.
/// </summary>
public sealed class ModelValueException : NotSupportedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">What is wrong.</param>
    /// <param name="path">Where, in <see cref="ModelPath"/>'s spelling; empty for the top level.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ModelValueException(string reason, string path, Exception? innerException = null)
        : base($"Cannot encode the value at '{ModelPath.Display(path)}': {reason}", innerException)
    {
        Reason = reason;
        Path = path;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>The path of the offending value (<c>model.layers[1]</c>); empty for the top level.</summary>
    public string Path { get; }
}
