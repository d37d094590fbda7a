namespace Xmmutablemap;

/// <summary>
/// The non-generic view of an <see cref="ImmutableMap{TKey, TValue}"/>, for code that walks nested
/// maps without knowing their type arguments (format writers, tree helpers).
/// Entries are addressed by their index in canonical key order.
/// </summary>
/// <remarks>
/// Only <see cref="ImmutableMap{TKey, TValue}"/> implements it (its internal members keep it that way): the
/// canonical encoding, content hash and model equality are defined for this library's maps alone, so a
/// value typed <see cref="IImmutableMap"/> is always one of them.
/// </remarks>
public interface IImmutableMap
{
    /// <summary>The number of entries.</summary>
    int Count { get; }

    /// <summary>The map's key type, <c>TKey</c>.</summary>
    Type KeyType { get; }

    /// <summary>The map's value type, <c>TValue</c>.</summary>
    Type ValueType { get; }

    /// <summary>The key at <paramref name="index"/> in canonical order, boxed.</summary>
    object GetKey(int index);

    /// <summary>The value at <paramref name="index"/> in canonical order, boxed.</summary>
    object? GetValue(int index);

    /// <summary>The SHA-256 content hash of the canonical encoding (cached).</summary>
    /// <exception cref="NotSupportedException">The map holds a value outside the data model.</exception>
    ContentHash ContentHash { get; }

    /// <summary>Whether <paramref name="other"/> has the same entries under model equality, whatever its type arguments.</summary>
    bool ContentEquals(IImmutableMap other);

    /// <summary>Writes the canonical encoding without boxing each entry.</summary>
    internal void WriteCanonical(Internal.CanonicalWriter writer);

    /// <summary>A map with the same keys (same key type, shared) and these values, in canonical key order.</summary>
    internal IImmutableMap WithObjectValues(object?[] values);
}
