namespace Xmmutablemap.Serialization.Composition;

/// <summary>A config does not bind to a type (an unknown key, a missing required member, a value of the wrong
/// kind); <see cref="Path"/> names where.</summary>
public sealed class ConfigBindingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The path of the value, in <see cref="ModelPath"/>'s spelling; empty for the top level.</param>
    /// <param name="reason">What is wrong.</param>
    /// <param name="innerException">System.Text.Json's exception, if any.</param>
    public ConfigBindingException(string path, string reason, Exception? innerException = null)
        : base(path.Length == 0 ? reason : $"at `{path}`: {reason}", innerException)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The path of the value; empty for the top level.</summary>
    public string Path { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string Reason { get; }
}
