namespace Xmmutablemap.Serialization.Composition;

/// <summary>The four kinds of command-line override, in Hydra's grammar.</summary>
public enum OverrideKind
{
    /// <summary><c>a.b=v</c>: changes a value that must exist.</summary>
    Set,
    /// <summary><c>+a.b=v</c>: adds a key that must not exist (missing parent maps are created).</summary>
    Add,
    /// <summary><c>++a.b=v</c>: sets the value whether or not it exists.</summary>
    SetOrAdd,
    /// <summary><c>~a.b</c>: removes a key that must exist (<c>~a.b=v</c>: only if its value is <c>v</c>).</summary>
    Remove,
}
