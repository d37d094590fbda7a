using Xmmutablemap.Serialization.Yaml;

namespace Xmmutablemap.Serialization.Composition;

/// <summary>
/// A command-line override in Hydra's grammar: <c>a.b=v</c> (change), <c>+a.b=v</c> (add), <c>++a.b=v</c>
/// (set or add), <c>~a.b</c> (remove). The value is read as a YAML 1.2 core-schema flow node: <c>3</c> is an
/// integer, <c>3.0</c> and <c>3e-4</c> floats, <c>true</c>, <c>null</c>, <c>[1, 2]</c>, <c>{x: 1}</c>; quoted text
/// is a string; an empty value is the empty string; anything else is a plain string.
/// </summary>
/// <example>
/// <code>
/// var config = ConfigOverride.Parse("optimizer.lr=1e-3").ApplyTo(baseConfig);
/// var more = ConfigOverride.Parse("+data.shuffle_seed=7").ApplyTo(config);
/// </code>
/// </example>
public sealed record ConfigOverride
{
    private ConfigOverride(string text, OverrideKind kind, string path, bool hasValue, object? value)
    {
        Text = text;
        Kind = kind;
        Path = path;
        HasValue = hasValue;
        Value = value;
    }

    /// <summary>The override as written.</summary>
    public string Text { get; }

    /// <summary>What it does.</summary>
    public OverrideKind Kind { get; }

    /// <summary>The path it applies to, in <see cref="ModelPath"/>'s spelling.</summary>
    public string Path { get; }

    /// <summary>Whether a value was given (always for set and add; optional for remove).</summary>
    public bool HasValue { get; }

    /// <summary>The value, as a model value.</summary>
    public object? Value { get; }

    /// <summary>Whether a command-line argument is an override rather than a file: it starts with <c>+</c>, <c>++</c>
    /// or <c>~</c>, or contains <c>=</c> (DESIGN section 8; <c>./a=b.yaml</c> forces a file).</summary>
    public static bool IsOverride(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (argument.StartsWith("./", StringComparison.Ordinal) || argument.StartsWith('/')) return false;
        return argument.StartsWith('+') || argument.StartsWith('~') || argument.Contains('=', StringComparison.Ordinal);
    }

    /// <summary>Parses an override.</summary>
    /// <exception cref="ConfigOverrideException">It is malformed: no <c>=</c>, an empty or malformed path, or a value
    /// that YAML reads as a number or a collection but that breaks a rule of the data model (<c>1e400</c>, <c>{x: 1, x: 2}</c>).</exception>
    public static ConfigOverride Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (kind, rest) = text switch
        {
            _ when text.StartsWith("++", StringComparison.Ordinal) => (OverrideKind.SetOrAdd, text[2..]),
            _ when text.StartsWith('+') => (OverrideKind.Add, text[1..]),
            _ when text.StartsWith('~') => (OverrideKind.Remove, text[1..]),
            _ => (OverrideKind.Set, text),
        };
        int equals = rest.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0 && kind != OverrideKind.Remove)
            throw new ConfigOverrideException(text, "expected PATH=VALUE (or ~PATH to remove a key)");
        string path = equals < 0 ? rest : rest[..equals];
        if (path.Length == 0) throw new ConfigOverrideException(text, "the path is empty");
        if (!ModelPath.TryParse(path, out _, out string? error)) throw new ConfigOverrideException(text, error);
        bool hasValue = equals >= 0;
        return new ConfigOverride(text, kind, path, hasValue, hasValue ? ParseValue(text, rest[(equals + 1)..]) : null);
    }

    private static object? ParseValue(string text, string value)
    {
        try
        {
            return YamlFlowValue.Parse(value);
        }
        catch (Documents.DocumentException e)
        {
            throw new ConfigOverrideException(text, e.Path.Length == 0 ? e.Reason : $"at {e.Path} in the value: {e.Reason}", e);
        }
    }

    /// <summary>Applies the override to <paramref name="map"/>, sharing every untouched subtree.</summary>
    /// <exception cref="ConfigOverrideException">It cannot apply: the path is missing (set, remove), or present (add), or a value does not match (remove).</exception>
    public ImmutableMap<string, object?> ApplyTo(ImmutableMap<string, object?> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        bool exists = map.ContainsPath(Path);
        try
        {
            switch (Kind)
            {
                case OverrideKind.Set when !exists:
                    throw new ConfigOverrideException(Text, $"{Missing(map)} Use `+{Path}=...` to add it.");
                case OverrideKind.Add when exists:
                    throw new ConfigOverrideException(Text, $"`{Path}` already exists ({Describe(map.GetPath(Path))}); use `{Path}=...` to change it, or `++{Path}=...` to set it either way.");
                case OverrideKind.Remove when !exists:
                    throw new ConfigOverrideException(Text, Missing(map));
                case OverrideKind.Remove when HasValue && !ModelValue.AreEqual(map.GetPath(Path), Value):
                    throw new ConfigOverrideException(Text, $"`{Path}` is {Describe(map.GetPath(Path))}, not {Describe(Value)}, so it is not removed.");
                case OverrideKind.Remove:
                    return map.RemovePath(Path);
                default:
                    return map.SetPath(Path, Value);
            }
        }
        catch (KeyNotFoundException e)
        {
            // A parent along the path is a scalar or a short list: SetPath names it.
            throw new ConfigOverrideException(Text, e.Message, e);
        }
    }

    // "`optimizer.lrr` does not exist; did you mean `optimizer.lr`?"
    private string Missing(ImmutableMap<string, object?> map) =>
        map.SuggestPath(Path) is { } near ? $"`{Path}` does not exist; did you mean `{near}`?" : $"`{Path}` does not exist.";

    private static string Describe(object? value) => ModelValue.Format(value);
}
