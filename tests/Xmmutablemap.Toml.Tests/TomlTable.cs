using Xmmutablemap.Documents;

namespace Xmmutablemap.Toml;

/// <summary>
/// A TOML table while the document is read: TOML may add to a table from several places (<c>[a]</c>, then
/// <c>[a.b]</c> after other tables, dotted keys), so tables stay open until the whole document is read.
/// Entries keep the order and position they were defined in; Tomlyn's validation has already refused
/// every redefinition, so an entry is never replaced here.
/// </summary>
internal sealed class TomlTable
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public List<(string Key, object? Value, DocumentPosition Position)> Entries { get; } = [];

    public bool TryGet(string key, out object? value)
    {
        if (_index.TryGetValue(key, out int i))
        {
            value = Entries[i].Value;
            return true;
        }
        value = null;
        return false;
    }

    public void Add(string key, object? value, DocumentPosition position)
    {
        _index.Add(key, Entries.Count);
        Entries.Add((key, value, position));
    }
}
