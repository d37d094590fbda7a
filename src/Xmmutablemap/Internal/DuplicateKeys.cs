namespace Xmmutablemap.Internal;

/// <summary>How a factory treats a key that appears more than once in its input.</summary>
internal enum DuplicateKeys
{
    /// <summary>Dictionary semantics: the last value wins.</summary>
    LastWins,
    /// <summary>The input is a mistake: throw <see cref="ArgumentException"/> naming the key.</summary>
    Throw,
    /// <summary>Report the position of the later duplicate to the caller (readers turn it into a located error).</summary>
    Report,
}
