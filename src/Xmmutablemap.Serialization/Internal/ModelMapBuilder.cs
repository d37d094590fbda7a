namespace Xmmutablemap.Serialization.Internal;

/// <summary>
/// Collects the entries of one map being read. The first key decides whether the map is string- or
/// integer-keyed; a duplicate key or a mix of kinds is reported, never resolved silently.
/// </summary>
internal sealed class ModelMapBuilder
{
    private ImmutableMap<string, object?>.Builder? _strings;
    private ImmutableMap<long, object?>.Builder? _integers;

    /// <summary>Adds an entry, or returns why it cannot be added.</summary>
    public string? TryAdd(object key, object? value)
    {
        switch (key)
        {
            case string s:
                if (_integers is not null) return "a map mixes integer and string keys";
                _strings ??= ImmutableMap.CreateBuilder<string, object?>();
                if (_strings.ContainsKey(s)) return $"the key {ModelValue.Format(s)} appears more than once";
                _strings.Add(s, value);
                return null;
            case long l:
                if (_strings is not null) return "a map mixes string and integer keys";
                _integers ??= ImmutableMap.CreateBuilder<long, object?>();
                if (_integers.ContainsKey(l)) return $"the key {l} appears more than once";
                _integers.Add(l, value);
                return null;
            case ulong u:
                return $"the integer key {u} is above {long.MaxValue}, the largest integer key this library reads";
            default:
                return $"a map key must be a string or an integer, not {ModelValue.Format(key)}";
        }
    }

    /// <summary>Whether a key is already present (for readers that must check before reading the value).</summary>
    public bool Contains(object key) => key switch
    {
        string s => _strings?.ContainsKey(s) ?? false,
        long l => _integers?.ContainsKey(l) ?? false,
        _ => false,
    };

    public object ToMap() => _integers is not null ? _integers.ToImmutable() : (object)(_strings?.ToImmutable() ?? ImmutableMap<string, object?>.Empty);
}
