namespace Xmmutablemap.Internal;

/// <summary>One remembered key array of <see cref="SharedKeySets"/>, with the lookup index its maps share once
/// the set has repeated often enough, and how often it has.</summary>
/// <param name="keys">Keys in canonical order, unique; never written to.</param>
internal sealed class KeySet(string[] keys)
{
    /// <summary>The keys, in canonical order.</summary>
    public string[] Keys { get; } = keys;

    /// <summary>The index the maps with these keys share; null until <see cref="Hits"/> reaches the threshold.</summary>
    public KeyIndex<string>? Index { get; set; }

    /// <summary>How many maps have shared these keys so far (a lost increment under a race only delays the index).</summary>
    public int Hits { get; set; }
}
