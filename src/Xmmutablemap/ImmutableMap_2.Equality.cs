using Xmmutablemap.Internal;

namespace Xmmutablemap;

public sealed partial class ImmutableMap<TKey, TValue>
{
    /// <summary>
    /// Whether <paramref name="other"/> has the same entries. Values compare by model equality:
    /// <c>1</c> (int) equals <c>1L</c>, never <c>1.0</c>; lists and bytes compare element-wise.
    /// For model values this holds exactly when the content hashes are equal.
    /// </summary>
    public bool Equals(ImmutableMap<TKey, TValue>? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._values.Length != _values.Length) return false;
        if (_hasHashCode && other._hasHashCode && _hashCode != other._hashCode) return false;
        if (!ReferenceEquals(_keys, other._keys))
        {
            var keys = _keys;
            var otherKeys = other._keys;
            var keyComparer = ModelEqualityComparer<TKey>.Instance;
            for (int i = 0; i < keys.Length; i++)
            {
                if (!keyComparer.Equals(keys[i], otherKeys[i])) return false;
            }
        }
        var values = _values;
        var otherValues = other._values;
        var valueComparer = ModelEqualityComparer<TValue>.Instance;
        for (int i = 0; i < values.Length; i++)
        {
            if (!valueComparer.Equals(values[i], otherValues[i])) return false;
        }
        return true;
    }

    /// <summary>Equal to another <see cref="ImmutableMap{TKey, TValue}"/> with the same content, whatever its type arguments
    /// (an <c>ImmutableMap&lt;string, int&gt;</c> equals an <c>ImmutableMap&lt;string, long&gt;</c> holding the same numbers).</summary>
    public override bool Equals(object? obj) => obj switch
    {
        ImmutableMap<TKey, TValue> same => Equals(same),
        IImmutableMap other => ContentEquals(other),
        _ => false,
    };

    /// <summary>A hash code consistent with <see cref="Equals(ImmutableMap{TKey, TValue}?)"/>, computed once and cached.</summary>
    public override int GetHashCode()
    {
        if (_hasHashCode) return _hashCode;
        var hash = new HashCode();
        var keys = _keys;
        var keyComparer = ModelEqualityComparer<TKey>.Instance;
        var valueComparer = ModelEqualityComparer<TValue>.Instance;
        for (int i = 0; i < keys.Length; i++)
        {
            hash.Add(keyComparer.GetHashCode(keys[i]));
            hash.Add(_values[i] is null ? 0 : valueComparer.GetHashCode(_values[i]));
        }
        _hashCode = hash.ToHashCode();
        _hasHashCode = true;
        return _hashCode;
    }

    /// <summary>Whether <paramref name="other"/>, any read-only dictionary, has exactly the same entries (order is ignored).</summary>
    public bool ContentEquals(IReadOnlyDictionary<TKey, TValue> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other is ImmutableMap<TKey, TValue> map) return Equals(map);
        if (other.Count != Count) return false;
        var valueComparer = ModelEqualityComparer<TValue>.Instance;
        var keys = _keys;
        for (int i = 0; i < keys.Length; i++)
        {
            if (!other.TryGetValue(keys[i], out var value) || !valueComparer.Equals(_values[i], value)) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public bool ContentEquals(IImmutableMap other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other is ImmutableMap<TKey, TValue> map) return Equals(map);
        if (other.Count != Count) return false;
        // Both sides enumerate in canonical order, so equal maps line up entry by entry.
        for (int i = 0; i < _values.Length; i++)
        {
            if (!ModelValue.AreEqual(_keys[i], other.GetKey(i)) || !ModelValue.AreEqual(_values[i], other.GetValue(i))) return false;
        }
        return true;
    }

    /// <summary>Whether two maps have the same content.</summary>
    public static bool operator ==(ImmutableMap<TKey, TValue>? left, ImmutableMap<TKey, TValue>? right)
        => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two maps differ in content.</summary>
    public static bool operator !=(ImmutableMap<TKey, TValue>? left, ImmutableMap<TKey, TValue>? right) => !(left == right);
}
