using System.Collections.Immutable;
using Xmmutablemap.Internal;

namespace Xmmutablemap;

/// <summary>Factories for <see cref="ImmutableMap{TKey, TValue}"/>, in the style of <see cref="ImmutableDictionary"/>.</summary>
/// <example>
/// <code>
/// var a = ImmutableMap.Of(("a", 1), ("b", 2));              // Python: ImmutableMap(a=1, b=2)
/// var b = new Dictionary&lt;string, int&gt; { ["c"] = 3 }.ToImmutableMap();
/// ImmutableMap&lt;string, int&gt; c = [new("x", 1), new("y", 2)]; // collection expression
/// var merged = a | b;                                       // right side wins
/// </code>
/// </example>
public static class ImmutableMap
{
    /// <summary>Returns the empty map.</summary>
    public static ImmutableMap<TKey, TValue> Create<TKey, TValue>() where TKey : notnull => ImmutableMap<TKey, TValue>.Empty;

    /// <summary>Builds a map from pairs; a later pair wins over an earlier one with the same key. Used by collection expressions.</summary>
    public static ImmutableMap<TKey, TValue> Create<TKey, TValue>(ReadOnlySpan<KeyValuePair<TKey, TValue>> items) where TKey : notnull
    {
        var keys = new TKey[items.Length];
        var values = new TValue[items.Length];
        for (int i = 0; i < items.Length; i++) (keys[i], values[i]) = items[i];
        return CanonicalSort.ToMap(keys, values, DuplicateKeys.LastWins);
    }

    /// <summary>Builds a map from pairs; a later pair wins over an earlier one with the same key (dictionary semantics).</summary>
    public static ImmutableMap<TKey, TValue> CreateRange<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> items) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items is ImmutableMap<TKey, TValue> map) return map;
        if (items.TryGetNonEnumeratedCount(out int count))
        {
            var keyArray = new TKey[count];
            var valueArray = new TValue[count];
            int i = 0;
            foreach (var (key, value) in items)
            {
                if (i == count) throw new InvalidOperationException("The collection grew while it was read.");
                keyArray[i] = key;
                valueArray[i++] = value;
            }
            if (i == count) return CanonicalSort.ToMap(keyArray, valueArray, DuplicateKeys.LastWins);
        }
        var keys = new List<TKey>();
        var values = new List<TValue>();
        foreach (var (key, value) in items)
        {
            keys.Add(key);
            values.Add(value);
        }
        return CanonicalSort.ToMap(keys.ToArray(), values.ToArray(), DuplicateKeys.LastWins);
    }

    /// <summary>Builds a map from tuples, like Python's <c>ImmutableMap(a=1, b=2)</c>.</summary>
    /// <exception cref="ArgumentException">A key appears twice (the message names it).</exception>
    public static ImmutableMap<TKey, TValue> Of<TKey, TValue>(params (TKey Key, TValue Value)[] items) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(items);
        var keys = new TKey[items.Length];
        var values = new TValue[items.Length];
        for (int i = 0; i < items.Length; i++) (keys[i], values[i]) = items[i];
        return CanonicalSort.ToMap(keys, values, DuplicateKeys.Throw);
    }

    /// <summary>
    /// Builds a map from keys and values given side by side, or reports the first key that appears twice:
    /// <paramref name="duplicateIndex"/> is then the index (in <paramref name="keys"/>) of its second occurrence.
    /// For readers of documents, where a duplicate key is an error to be located, not resolved.
    /// </summary>
    /// <returns><see langword="true"/> and the map, or <see langword="false"/> and the duplicate's index.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static bool TryCreate<TKey, TValue>(ReadOnlySpan<TKey> keys, ReadOnlySpan<TValue> values,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ImmutableMap<TKey, TValue>? map, out int duplicateIndex) where TKey : notnull
    {
        if (keys.Length != values.Length)
            throw new ArgumentException($"TryCreate needs as many values as keys: {keys.Length} keys, {values.Length} values.", nameof(values));
        map = CanonicalSort.ToMap(keys.ToArray(), values.ToArray(), DuplicateKeys.Report, out duplicateIndex);
        return map is not null;
    }

    /// <summary>Returns an empty builder.</summary>
    public static ImmutableMap<TKey, TValue>.Builder CreateBuilder<TKey, TValue>() where TKey : notnull => ImmutableMap<TKey, TValue>.Empty.ToBuilder();

    /// <summary>The PyTree unflatten: the inverse of <see cref="ImmutableMap{TKey, TValue}.Flatten"/>.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or a key appears twice.</exception>
    public static ImmutableMap<TKey, TValue> Unflatten<TKey, TValue>(IEnumerable<TKey> keys, IEnumerable<TValue> values) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(values);
        var keyArray = keys.ToArray();
        var valueArray = values.ToArray();
        if (keyArray.Length != valueArray.Length)
            throw new ArgumentException($"Unflatten needs as many values as keys: {keyArray.Length} keys, {valueArray.Length} values.", nameof(values));
        return CanonicalSort.ToMap(keyArray, valueArray, DuplicateKeys.Throw);
    }

    /// <summary>Builds a map from pairs; a later pair wins over an earlier one with the same key.</summary>
    public static ImmutableMap<TKey, TValue> ToImmutableMap<TKey, TValue>(this IEnumerable<KeyValuePair<TKey, TValue>> source) where TKey : notnull
        => CreateRange(source);

    /// <summary>Builds a map from tuples; a later pair wins over an earlier one with the same key.</summary>
    public static ImmutableMap<TKey, TValue> ToImmutableMap<TKey, TValue>(this IEnumerable<(TKey Key, TValue Value)> source) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(source);
        return CreateRange(source.Select(pair => KeyValuePair.Create(pair.Key, pair.Value)));
    }

    /// <summary>Builds a map from a sequence, selecting each key and value; a later element wins over an earlier one with the same key.</summary>
    public static ImmutableMap<TKey, TValue> ToImmutableMap<TSource, TKey, TValue>(this IEnumerable<TSource> source, Func<TSource, TKey> keySelector, Func<TSource, TValue> valueSelector) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(keySelector);
        ArgumentNullException.ThrowIfNull(valueSelector);
        return CreateRange(source.Select(item => KeyValuePair.Create(keySelector(item), valueSelector(item))));
    }

    /// <summary>
    /// Deep-converts a mutable object graph into model values: dictionaries into string- or
    /// integer-keyed <see cref="ImmutableMap{TKey, TValue}"/>s of <see cref="object"/>, lists and arrays into
    /// <see cref="ImmutableArray{T}"/>, <c>byte[]</c> into bytes, integers into <see cref="long"/> (or
    /// <see cref="ulong"/> above <see cref="long.MaxValue"/>), floats into <see cref="double"/>, and
    /// <c>JsonElement</c>/<c>JsonNode</c> trees likewise.
    /// </summary>
    /// <exception cref="NotSupportedException">A value has no model equivalent; the message names its path and type.</exception>
    /// <example>
    /// <code>
    /// var frozen = (ImmutableMap&lt;string, object?&gt;)ImmutableMap.Freeze(new Dictionary&lt;string, object?&gt;
    /// {
    ///     ["layers"] = new List&lt;int&gt; { 64, 32 },
    /// })!;
    /// </code>
    /// </example>
    public static object? Freeze(object? value) => ModelFreezer.Freeze(value);

    /// <summary>Like <see cref="Freeze(object?)"/> for a graph whose top level must be a string-keyed map.</summary>
    /// <exception cref="NotSupportedException">The top level is not a string-keyed map, or a value has no model equivalent.</exception>
    public static ImmutableMap<string, object?> FreezeMap(object value)
        => Freeze(value) as ImmutableMap<string, object?>
           ?? throw new NotSupportedException($"Expected a map with string keys at the top level, got {value?.GetType().FullName ?? "null"}.");
}
