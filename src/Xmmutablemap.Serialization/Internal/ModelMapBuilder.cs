using Xmmutablemap.Internal;

namespace Xmmutablemap.Serialization.Internal;

/// <summary>
/// Collects the entries of one map being read. The first key decides whether the map is string- or
/// integer-keyed; mixing kinds is reported at once. Duplicate keys are found when the map is built (one
/// sort, no hashing per key) and reported with the position the reader gave for the later one.
/// </summary>
internal sealed class ModelMapBuilder
{
    private List<string>? _strings;
    private List<long>? _integers;
    private Kind _kind;

    private enum Kind { None, Strings, Integers }
    private readonly List<object?> _values = [];
    private readonly List<long> _positions = [];

    /// <summary>Adds an entry, or returns why its key cannot be in this map.</summary>
    /// <param name="key">The key as read.</param>
    /// <param name="value">The value.</param>
    /// <param name="position">Where the key was read, in whatever unit the reader reports (offset, packed line and column).</param>
    public string? TryAdd(object key, object? value, long position)
    {
        switch (key)
        {
            case string s:
                if (_kind == Kind.Integers) return "a map mixes integer and string keys";
                _kind = Kind.Strings;
                (_strings ??= []).Add(s);
                break;
            case long l:
                if (_kind == Kind.Strings) return "a map mixes string and integer keys";
                _kind = Kind.Integers;
                (_integers ??= []).Add(l);
                break;
            case ulong u:
                return $"the integer key {u} is above {long.MaxValue}, the largest integer key this library reads";
            default:
                return $"a map key must be a string or an integer, not {ModelValue.Format(key)}";
        }
        _values.Add(value);
        _positions.Add(position);
        return null;
    }

    /// <summary>Builds the map, or returns null with the duplicated key and the position of its second occurrence.</summary>
    public object? TryToMap(out object? duplicateKey, out long duplicatePosition)
    {
        duplicateKey = null;
        duplicatePosition = 0;
        // The arrays are made here and handed over, so the map keeps them without copying.
        object?[] values = _values.ToArray();
        int duplicate;
        if (_kind == Kind.Integers)
        {
            var map = CanonicalSort.ToMap(_integers!.ToArray(), values, DuplicateKeys.Report, out duplicate, valuesOwned: true);
            if (map is not null) return map;
            duplicateKey = _integers[duplicate];
        }
        else
        {
            var map = CanonicalSort.ToMap(_kind == Kind.Strings ? _strings!.ToArray() : [], values, DuplicateKeys.Report, out duplicate, valuesOwned: true);
            if (map is not null) return map;
            duplicateKey = _strings![duplicate];
        }
        duplicatePosition = _positions[duplicate];
        return null;
    }

    /// <summary>Empties the builder for reuse; false when it grew too large to keep.</summary>
    public bool Reset(int maxCapacity)
    {
        if (_values.Capacity > maxCapacity) return false;
        _strings?.Clear();
        _integers?.Clear();
        _values.Clear();
        _positions.Clear();
        _kind = Kind.None;
        return true;
    }

    public static string DuplicateMessage(object key) => $"the key {ModelValue.Format(key)} appears more than once";
}
