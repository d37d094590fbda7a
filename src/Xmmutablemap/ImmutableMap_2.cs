using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Xmmutablemap.Internal;

namespace Xmmutablemap;

/// <summary>
/// A map that cannot change after it is built. It enumerates in canonical key order (strings by
/// Unicode code point, integers numerically), has value equality, and carries a
/// <see cref="ContentHash"/> that is the same on every machine and in every language implementing
/// <c>schemas/canonical-encoding.md</c>.
/// </summary>
/// <typeparam name="TKey">The key type: <see cref="string"/> or an integer type for a content hash; any comparable type in memory.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <example>
/// <code>
/// var config = ImmutableMap.Of(("lr", 0.001), ("momentum", 0.9));
/// Console.WriteLine(config);              // ImmutableMap({"lr": 0.001, "momentum": 0.9})
/// var faster = config.SetItem("lr", 0.01); // config itself is unchanged
/// Console.WriteLine(config.ContentHash);  // sha256:...
/// </code>
/// </example>
/// <remarks>
/// System.Text.Json reads and writes it with no options (integers and floats kept apart, duplicate keys refused):
/// the type names <see cref="Json.ImmutableMapJsonConverterFactory"/>. Options that list another converter for it win.
/// </remarks>
[CollectionBuilder(typeof(ImmutableMap), nameof(ImmutableMap.Create))]
[System.Text.Json.Serialization.JsonConverter(typeof(Json.ImmutableMapJsonConverterFactory))]
public sealed partial class ImmutableMap<TKey, TValue> :
    IReadOnlyDictionary<TKey, TValue>,
    IEquatable<ImmutableMap<TKey, TValue>>,
    IImmutableMap
    where TKey : notnull
{
    /// <summary>The empty map.</summary>
    public static readonly ImmutableMap<TKey, TValue> Empty = new([], [], null);

    private readonly TKey[] _keys;   // canonical order
    private readonly TValue[] _values;

    // The lookup structure, built on the first lookup: a map that is only read from a file, hashed and
    // written out never pays for it. Built from immutable keys, so a race only builds it twice.
    private KeyIndex<TKey>? _lookup;

    internal KeyIndex<TKey> Lookup => _lookup ?? CreateLookup();

    /// <summary>The position of <paramref name="key"/> in canonical order, or -1; the index may replace itself in <see cref="_lookup"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int IndexOf(TKey key) => (_lookup ?? CreateLookup()).IndexOf(key, ref _lookup);

    private KeyIndex<TKey> CreateLookup()
    {
        var lookup = KeyIndex<TKey>.Create(_keys);
        Volatile.Write(ref _lookup, lookup);
        return lookup;
    }
    // Caches. Each is computed from immutable state, so a race only computes the same value twice;
    // the volatile flags publish the value before the flag.
    private int _hashCode;
    private volatile bool _hasHashCode;
    private ContentHash _contentHash;
    private volatile bool _hasContentHash;

    private ImmutableMap(TKey[] keys, TValue[] values, KeyIndex<TKey>? lookup)
    {
        _keys = keys;
        _values = values;
        _lookup = lookup;
    }

    /// <summary>Wraps arrays already in canonical order with unique keys; the map owns them from now on.</summary>
    internal static ImmutableMap<TKey, TValue> FromCanonical(TKey[] keys, TValue[] values)
        => keys.Length == 0 ? Empty : new(keys, values, null);

    /// <summary>The number of entries.</summary>
    public int Count => _values.Length;

    /// <summary>Whether the map has no entries.</summary>
    public bool IsEmpty => _values.Length == 0;

    /// <summary>The keys in canonical order.</summary>
    public ImmutableArray<TKey> Keys => ImmutableCollectionsMarshal.AsImmutableArray(_keys);

    /// <summary>The values, in the canonical order of their keys.</summary>
    public ImmutableArray<TValue> Values => ImmutableCollectionsMarshal.AsImmutableArray(_values);

    IEnumerable<TKey> IReadOnlyDictionary<TKey, TValue>.Keys => _keys;

    IEnumerable<TValue> IReadOnlyDictionary<TKey, TValue>.Values => _values;

    /// <summary>Gets the value for <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">The key is not in the map; the message names it.</exception>
    public TValue this[TKey key]
    {
        get
        {
            int i = IndexOf(key);
            if (i < 0) ThrowKeyNotFound(key);
            return _values[i];
        }
    }

    /// <summary>Whether the map has an entry for <paramref name="key"/>.</summary>
    public bool ContainsKey(TKey key) => IndexOf(key) >= 0;

    /// <summary>Gets the value for <paramref name="key"/> if there is one.</summary>
    public bool TryGetValue(TKey key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TValue value)
    {
        int i = IndexOf(key);
        if (i < 0)
        {
            value = default;
            return false;
        }
        value = _values[i];
        return true;
    }

    /// <summary>Returns the value for <paramref name="key"/>, or <paramref name="defaultValue"/> (Python's <c>get(k, default)</c>).</summary>
    public TValue GetValueOrDefault(TKey key, TValue defaultValue)
    {
        int i = IndexOf(key);
        return i < 0 ? defaultValue : _values[i];
    }

    /// <summary>
    /// The PyTree flatten: keys and values in canonical order, as two arrays of equal length.
    /// <see cref="ImmutableMap.Unflatten{TKey, TValue}"/> turns them back into an equal map.
    /// </summary>
    public (ImmutableArray<TKey> Keys, ImmutableArray<TValue> Values) Flatten() => (Keys, Values);

    /// <summary>Returns a map with the same keys and each value passed through <paramref name="selector"/>.</summary>
    public ImmutableMap<TKey, TResult> MapValues<TResult>(Func<TValue, TResult> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var results = new TResult[_values.Length];
        for (int i = 0; i < results.Length; i++) results[i] = selector(_values[i]);
        return ImmutableMap<TKey, TResult>.WithSameKeys(_keys, _lookup, results);
    }

    /// <summary>Returns a map with the same keys and each value replaced by <paramref name="selector"/>(key, value).</summary>
    public ImmutableMap<TKey, TResult> MapValues<TResult>(Func<TKey, TValue, TResult> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var results = new TResult[_values.Length];
        for (int i = 0; i < results.Length; i++) results[i] = selector(_keys[i], _values[i]);
        return ImmutableMap<TKey, TResult>.WithSameKeys(_keys, _lookup, results);
    }

    internal static ImmutableMap<TKey, TValue> WithSameKeys(TKey[] keys, KeyIndex<TKey>? lookup, TValue[] values)
        => values.Length == 0 ? Empty : new(keys, values, lookup);

    /// <summary>The SHA-256 content hash of the canonical encoding. Computed on first use, then cached.</summary>
    /// <exception cref="NotSupportedException">A key or value is outside the data model; the message names its path and type.</exception>
    public ContentHash ContentHash
    {
        get
        {
            if (_hasContentHash) return _contentHash;
            _contentHash = CanonicalWriter.Hash(this);
            _hasContentHash = true;
            return _contentHash;
        }
    }

    /// <summary>Writes the canonical encoding (deterministic MessagePack) to <paramref name="output"/>.</summary>
    /// <exception cref="NotSupportedException">A key or value is outside the data model.</exception>
    public void WriteCanonicalTo(System.Buffers.IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        CanonicalWriter.Write(output, this);
    }

    /// <summary>Returns the canonical encoding (deterministic MessagePack) in a new array; its SHA-256 is <see cref="ContentHash"/>.</summary>
    /// <exception cref="NotSupportedException">A key or value is outside the data model.</exception>
    public byte[] ToCanonicalBytes()
    {
        return CanonicalWriter.ToArray(this);
    }

    void IImmutableMap.WriteCanonical(CanonicalWriter writer) => WriteCanonical(writer);

    IImmutableMap IImmutableMap.WithObjectValues(object?[] values) => ImmutableMap<TKey, object?>.WithSameKeys(_keys, null, values);

    internal void WriteCanonical(CanonicalWriter writer)
    {
        writer.Enter();
        var keys = _keys;
        var values = _values;
        writer.WriteMapHeader(keys.Length);
        // String keys with reference-type values (the model map ImmutableMap<string, object?>): a loop with no
        // generic type tests, which cost a runtime lookup each in shared generic code. It names a failing key itself.
        if (keys is string[] stringKeys && values is object?[] objects)
        {
            writer.WriteModelEntries(stringKeys, objects);
            writer.Exit();
            return;
        }
        int i = 0;
        try
        {
            for (; i < keys.Length; i++)
            {
                writer.WriteKey(keys[i]);
                writer.WriteValue(values[i]);
            }
            writer.Exit();
        }
        catch (NonModelValueException e)
        {
            // The path is only spelled out when something fails.
            object key = keys[i];
            throw e.Under(parent => ModelPath.Key(parent, key));
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowKeyNotFound(TKey key)
        => throw new KeyNotFoundException($"The key {ModelValue.Format(key)} is not in the map.");

    /// <summary>Returns a struct enumerator over the entries in canonical key order.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<TKey, TValue>> IEnumerable<KeyValuePair<TKey, TValue>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    Type IImmutableMap.KeyType => typeof(TKey);

    Type IImmutableMap.ValueType => typeof(TValue);

    object IImmutableMap.GetKey(int index) => _keys[index];

    object? IImmutableMap.GetValue(int index) => _values[index];

    /// <summary>Shows the map like the Python repr: <c>ImmutableMap({"a": 1.0, "b": 2, "c": "3"})</c>.</summary>
    public override string ToString() => ModelValue.Format(this);
}
