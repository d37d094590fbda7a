namespace Xmmutablemap.Benchmarks;

/// <summary>The key shapes users' maps have, for lookups (issue 13's table).</summary>
public enum KeyShape
{
    /// <summary>Equal lengths, a shared prefix: <c>section3.param_42_917</c>.</summary>
    Dotted,

    /// <summary><c>layer_00042</c>.</summary>
    Numbered,

    /// <summary>Lower-case UUIDs.</summary>
    Uuid,

    /// <summary><c>a</c>..<c>zz</c> and on (bijective base 26).</summary>
    Short,

    /// <summary><c>model.encoder.block7.attn</c>, <c>lr7</c>, <c>data/augment/7/p</c>, ... mixed.</summary>
    Mixed,

    /// <summary>Config-like keys of varied lengths and distinct prefixes: <c>optimizer_weight_decay_3</c>.</summary>
    Config,
}
