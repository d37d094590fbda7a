namespace Xmmutablemap.Internal;

/// <summary>Puts arbitrary key/value pairs into canonical order with unique keys.</summary>
internal static class CanonicalSort
{
    /// <summary>
    /// Sorts the pairs. Takes ownership of <paramref name="keys"/> (sorted in place); <paramref name="values"/>
    /// is only read. With <see cref="DuplicateKeys.Report"/>, returns null and the original index of the
    /// first later duplicate instead of a map.
    /// </summary>
    /// <param name="keys">The keys; sorted in place.</param>
    /// <param name="values">The values, side by side with the keys.</param>
    /// <param name="duplicates">What a repeated key means.</param>
    /// <param name="duplicateIndex">With <see cref="DuplicateKeys.Report"/>: the original index of the first later duplicate, else -1.</param>
    /// <param name="valuesOwned">Whether the map may keep <paramref name="values"/> itself (the caller made it and lets it go).</param>
    public static ImmutableMap<TKey, TValue>? ToMap<TKey, TValue>(TKey[] keys, TValue[] values, DuplicateKeys duplicates, out int duplicateIndex, bool valuesOwned = false)
        where TKey : notnull
    {
        duplicateIndex = -1;
        int n = keys.Length;
        if (n == 0) return ImmutableMap<TKey, TValue>.Empty;
        for (int i = 0; i < n; i++)
        {
            if (keys[i] is null) throw new ArgumentNullException(nameof(keys), "A map key cannot be null.");
        }
        if (typeof(TKey) == typeof(object)) CheckKeyKinds((object[])(object)keys);
        try
        {
            return Sort(keys, values, duplicates, out duplicateIndex, valuesOwned);
        }
        catch (InvalidOperationException e) when (e.InnerException is ArgumentException inner)
        {
            // Array.Sort wraps a comparer's failure (keys of a type that cannot be ordered).
            throw new ArgumentException($"The keys cannot be put in canonical order: {inner.Message}", nameof(keys), e);
        }
    }

    /// <summary>Boxed keys must be all strings or all integers: the canonical order knows no other mix.</summary>
    private static void CheckKeyKinds(object[] keys)
    {
        bool strings = keys[0] is string;
        foreach (var key in keys)
        {
            bool ok = strings ? key is string : ModelValue.TryGetInteger(key, out _);
            if (!ok)
                throw new ArgumentException($"The keys {ModelValue.Format(keys[0])} and {ModelValue.Format(key)} cannot be in one map: a map's keys are all strings or all integers.", nameof(keys));
        }
    }

    private static ImmutableMap<TKey, TValue>? Sort<TKey, TValue>(TKey[] keys, TValue[] values, DuplicateKeys duplicates, out int duplicateIndex, bool valuesOwned)
        where TKey : notnull
    {
        duplicateIndex = -1;
        int n = keys.Length;
        var comparer = CanonicalKeyComparer<TKey>.Instance;
        if (IsStrictlySorted(keys, comparer))
        {
            // Already canonical, as every document this library writes is: no sort, and no copy of values the caller gave up.
            return ImmutableMap<TKey, TValue>.FromCanonical(keys, valuesOwned ? values : (TValue[])values.Clone());
        }

        // Sort the keys together with their original positions; positions break ties, so among equal
        // keys the last one given is last in the run.
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(keys, order, comparer);

        int unique = n;
        for (int i = 1; i < n; i++)
        {
            if (comparer.Compare(keys[i - 1], keys[i]) != 0) continue;
            switch (duplicates)
            {
                case DuplicateKeys.Throw:
                    throw new ArgumentException($"The key {ModelValue.Format(keys[i])} appears more than once.", nameof(keys));
                case DuplicateKeys.Report:
                    duplicateIndex = FirstLaterDuplicate(keys, order, comparer);
                    return null;
            }
            unique--;
        }
        if (unique == n)
        {
            var sortedValues = new TValue[n];
            for (int i = 0; i < n; i++) sortedValues[i] = values[order[i]];
            return ImmutableMap<TKey, TValue>.FromCanonical(keys, sortedValues);
        }

        // Last wins: within each run of equal keys keep the entry with the largest original position.
        // Array.Sort is not stable, so find that position explicitly.
        var uniqueKeys = new TKey[unique];
        var uniqueValues = new TValue[unique];
        int u = 0;
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            int last = order[start];
            while (end < n && comparer.Compare(keys[start], keys[end]) == 0) last = Math.Max(last, order[end++]);
            uniqueKeys[u] = keys[start];
            uniqueValues[u++] = values[last];
            start = end;
        }
        return ImmutableMap<TKey, TValue>.FromCanonical(uniqueKeys, uniqueValues);
    }

    public static ImmutableMap<TKey, TValue> ToMap<TKey, TValue>(TKey[] keys, TValue[] values, DuplicateKeys duplicates)
        where TKey : notnull
        => ToMap(keys, values, duplicates, out _)!;

    private static bool IsStrictlySorted<TKey>(TKey[] keys, IComparer<TKey> comparer)
    {
        if (keys is string[] strings)
        {
            // The common case, without an interface call per pair.
            for (int i = 1; i < strings.Length; i++)
            {
                if (CanonicalStringComparer.Compare(strings[i - 1], strings[i]) >= 0) return false;
            }
            return true;
        }
        for (int i = 1; i < keys.Length; i++)
        {
            if (comparer.Compare(keys[i - 1], keys[i]) >= 0) return false;
        }
        return true;
    }

    /// <summary>The smallest original index that is not the first occurrence of its key: where a reader saw the duplicate.</summary>
    private static int FirstLaterDuplicate<TKey>(TKey[] keys, int[] order, IComparer<TKey> comparer)
    {
        int best = int.MaxValue;
        for (int start = 0; start < keys.Length;)
        {
            int end = start + 1;
            int first = order[start], second = int.MaxValue;
            while (end < keys.Length && comparer.Compare(keys[start], keys[end]) == 0)
            {
                int position = order[end++];
                if (position < first) (first, position) = (position, first);
                second = Math.Min(second, position);
            }
            best = Math.Min(best, second);
            start = end;
        }
        return best;
    }
}
