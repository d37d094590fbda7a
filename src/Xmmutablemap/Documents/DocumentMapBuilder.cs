namespace Xmmutablemap.Documents;

/// <summary>
/// Collects the entries of one map of model values, whatever the format: the first key decides whether the
/// map is string-keyed (<c>ImmutableMap&lt;string, object?&gt;</c>) or integer-keyed
/// (<c>ImmutableMap&lt;long, object?&gt;</c>); mixing the two, an integer key above <see cref="long.MaxValue"/>,
/// or a key of any other kind is an error, and so is a key that appears twice (with both positions).
/// Builders are pooled per thread: <see cref="Rent"/> one for each map, and <see cref="ToMap"/> gives it back.
/// </summary>
/// <example>
/// <code>
/// var entries = DocumentMapBuilder.Rent();
/// entries.Add("lr", 0.001, path, DocumentPosition.AtLine(2, 3));
/// object map = entries.ToMap(path);   // ImmutableMap&lt;string, object?&gt;
/// </code>
/// </example>
public sealed class DocumentMapBuilder
{
    private const int MaxPooled = 64;
    [ThreadStatic] private static Stack<DocumentMapBuilder>? t_pool;

    private readonly DocumentMapBuilder<string, object?> _strings = new();
    private readonly DocumentMapBuilder<long, object?> _integers = new();
    private bool _integerKeys;

    private DocumentMapBuilder()
    {
    }

    /// <summary>A builder from this thread's pool, or a new one.</summary>
    public static DocumentMapBuilder Rent() => t_pool is { Count: > 0 } pool ? pool.Pop() : new DocumentMapBuilder();

    /// <summary>The entries added so far.</summary>
    public int Count => _strings.Count + _integers.Count;

    /// <summary>Adds an entry whose key a reader has read as a model value.</summary>
    /// <param name="key">The key: a string, or an integer in the range of <see cref="long"/>.</param>
    /// <param name="value">The value.</param>
    /// <param name="path">The path of the map (not of the entry), for errors.</param>
    /// <param name="keyPosition">Where the key was read.</param>
    /// <exception cref="DocumentException">The key is of the wrong kind for this map, or for any map.</exception>
    public void Add(object key, object? value, DocumentPath path, DocumentPosition keyPosition = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(path);
        if (key is string s)
        {
            if (_integerKeys && _integers.Count > 0) throw Fail("a map mixes integer and string keys", key, path, keyPosition);
            _integerKeys = false;
            _strings.Add(s, value, keyPosition);
            return;
        }
        if (ModelValue.TryGetInteger(key, out var integer))
        {
            if (integer > long.MaxValue) throw Fail($"the integer key {integer} is above {long.MaxValue}, the largest integer key a document may have", key, path, keyPosition);
            if (_strings.Count > 0) throw Fail("a map mixes string and integer keys", key, path, keyPosition);
            _integerKeys = true;
            _integers.Add((long)integer, value, keyPosition);
            return;
        }
        throw Fail($"a map key must be a string or an integer, not {Describe(key)}", key, path, keyPosition);
    }

    /// <summary>Builds the map, and gives the builder back to the pool (do not use it afterwards).</summary>
    /// <param name="path">The path of the map itself.</param>
    /// <returns>An <c>ImmutableMap&lt;string, object?&gt;</c>, or an <c>ImmutableMap&lt;long, object?&gt;</c> when the keys are integers.</returns>
    /// <exception cref="DocumentException">A key appears twice.</exception>
    public object ToMap(DocumentPath path)
    {
        try
        {
            return _integerKeys ? _integers.ToImmutable(path) : _strings.ToImmutable(path);
        }
        finally
        {
            _strings.Clear();
            _integers.Clear();
            _integerKeys = false;
            if ((t_pool ??= new()).Count < MaxPooled) t_pool.Push(this);
        }
    }

    private static string Describe(object key) => key switch
    {
        IImmutableMap => "a map",
        _ when ModelValue.GetKind(key) == ModelKind.List => "a list",
        _ => DocumentException.Excerpt(ModelValue.Format(key)),
    };

    // The error is reported at the map, since the entry's key is what is wrong.
    private static DocumentException Fail(string reason, object key, DocumentPath path, DocumentPosition position)
        => new(reason, key is string or long ? path.ToString(key) : path.ToString(), position);
}
