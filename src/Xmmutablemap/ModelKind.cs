namespace Xmmutablemap;

/// <summary>The kinds of value in the data model that content hashes and formats are defined over.</summary>
/// <remarks>See <c>schemas/canonical-encoding.md</c>. Integers and floats are different kinds: <c>1</c> and <c>1.0</c> are never equal.</remarks>
public enum ModelKind
{
    /// <summary>A CLR value outside the data model (a mutable collection, a user type, ...). It has no content hash.</summary>
    NotModel = 0,
    /// <summary><see langword="null"/>.</summary>
    Null,
    /// <summary>A <see cref="bool"/>.</summary>
    Bool,
    /// <summary>An integer from -2^63 to 2^64-1, held in any CLR integer type.</summary>
    Integer,
    /// <summary>An IEEE-754 binary64 value (<see cref="double"/>, or a <see cref="float"/> or <see cref="Half"/> widened exactly).</summary>
    Float,
    /// <summary>A <see cref="string"/> of Unicode scalar values.</summary>
    String,
    /// <summary>An <c>ImmutableArray&lt;byte&gt;</c>.</summary>
    Bytes,
    /// <summary>An <c>ImmutableArray&lt;T&gt;</c> or <c>ImmutableList&lt;T&gt;</c> of model values.</summary>
    List,
    /// <summary>An <see cref="ImmutableMap{TKey, TValue}"/> with string or integer keys.</summary>
    Map,
}
