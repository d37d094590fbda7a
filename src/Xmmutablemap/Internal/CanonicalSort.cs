namespace Xmmutablemap.Internal;

/// <summary>How a factory treats a key that appears more than once in its input.</summary>
internal enum DuplicateKeys
{
    /// <summary>Dictionary semantics: the last value wins.</summary>
    LastWins,
    /// <summary>The input is a mistake: throw <see cref="ArgumentException"/> naming the key.</summary>
    Throw,
}

/// <summary>Puts arbitrary key/value pairs into canonical order with unique keys.</summary>
internal static class CanonicalSort
{
    /// <summary>Sorts the pairs; takes ownership of both arrays (they may be reused for the result).</summary>
    public static ImmutableMap<TKey, TValue> ToMap<TKey, TValue>(TKey[] keys, TValue[] values, DuplicateKeys duplicates)
        where TKey : notnull
    {
        int n = keys.Length;
        if (n == 0) return ImmutableMap<TKey, TValue>.Empty;
        for (int i = 0; i < n; i++)
        {
            if (keys[i] is null) throw new ArgumentNullException(nameof(keys), "A map key cannot be null.");
        }
        var comparer = CanonicalKeyComparer<TKey>.Instance;

        // Fast path: unstable sort, then check for neighbours with equal keys (rare in practice).
        var sortedKeys = (TKey[])keys.Clone();
        var sortedValues = (TValue[])values.Clone();
        Array.Sort(sortedKeys, sortedValues, comparer);
        bool hasDuplicates = false;
        for (int i = 1; i < n; i++)
        {
            if (comparer.Compare(sortedKeys[i - 1], sortedKeys[i]) == 0)
            {
                if (duplicates == DuplicateKeys.Throw)
                    throw new ArgumentException($"The key {ModelValue.Format(sortedKeys[i])} appears more than once.", nameof(keys));
                hasDuplicates = true;
                break;
            }
        }
        if (!hasDuplicates) return ImmutableMap<TKey, TValue>.FromCanonical(sortedKeys, sortedValues);

        // Stable order by (key, position), keeping the last position of each key.
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            int c = comparer.Compare(keys[a], keys[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        var uniqueKeys = new List<TKey>(n);
        var uniqueValues = new List<TValue>(n);
        for (int i = 0; i < n; i++)
        {
            bool lastOfRun = i == n - 1 || comparer.Compare(keys[order[i]], keys[order[i + 1]]) != 0;
            if (!lastOfRun) continue;
            uniqueKeys.Add(keys[order[i]]);
            uniqueValues.Add(values[order[i]]);
        }
        return ImmutableMap<TKey, TValue>.FromCanonical([.. uniqueKeys], [.. uniqueValues]);
    }
}
