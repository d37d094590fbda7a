namespace Xmmutablemap.Serialization.Composition;

/// <summary>An override is malformed or cannot apply; the message names the override, the path and why.</summary>
/// <example>
/// <code>
/// // override 'optimizer.lrr=1e-3': `optimizer.lrr` does not exist; did you mean `optimizer.lr`? Use `+optimizer.lrr=...` to add it.
/// </code>
/// </example>
public sealed class ConfigOverrideException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="overrideText">The override as the user wrote it.</param>
    /// <param name="reason">Why it is malformed or cannot apply.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ConfigOverrideException(string overrideText, string reason, Exception? innerException = null)
        : base($"override '{overrideText}': {reason}", innerException)
    {
        OverrideText = overrideText;
        Reason = reason;
    }

    /// <summary>The override as the user wrote it.</summary>
    public string OverrideText { get; }

    /// <summary>Why it is malformed or cannot apply.</summary>
    public string Reason { get; }
}
