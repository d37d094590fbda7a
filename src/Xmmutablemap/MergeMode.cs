namespace Xmmutablemap;

/// <summary>How <see cref="MapTree.Merge(MergeMode, ImmutableMap{string, object?}[])"/> treats what the base does not have.</summary>
public enum MergeMode
{
    /// <summary>Later maps may add keys and change a value's kind (OmegaConf's default).</summary>
    Open,
    /// <summary>Later maps may only change values that the first map has, to values of the same kind
    /// (OmegaConf's struct mode): a new key, or a float where an integer was, is an error.</summary>
    Strict,
}
