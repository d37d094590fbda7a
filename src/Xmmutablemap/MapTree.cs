using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Xmmutablemap.Internal;

namespace Xmmutablemap;

/// <summary>
/// Helpers over nested maps and lists, the analogue of JAX's <c>tree_util</c>: leaves with their paths,
/// mapping over leaves, and the diff of two configs.
/// </summary>
/// <example>
/// <code>
/// foreach (var leaf in MapTree.Leaves(config)) Console.WriteLine(leaf);   // optimizer.lr: 0.001
/// foreach (var change in MapTree.Diff(before, after)) Console.WriteLine(change); // ~ optimizer.lr: 0.001 -> 0.0003
/// </code>
/// </example>
public static class MapTree
{
    /// <summary>Enumerates the leaves of <paramref name="map"/> depth-first in canonical order, with their paths.</summary>
    public static IEnumerable<MapLeaf> Leaves(IImmutableMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var leaves = new List<MapLeaf>();
        CollectLeaves(map, ModelPath.Root, leaves);
        return leaves;
    }

    /// <summary>Returns a map of the same shape with every leaf replaced by <paramref name="selector"/>(path, leaf).</summary>
    public static ImmutableMap<TKey, object?> MapLeaves<TKey, TValue>(ImmutableMap<TKey, TValue> map, Func<string, object?, object?> selector)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(selector);
        return map.MapValues((key, value) => MapLeaf(value, ModelPath.Key(ModelPath.Root, key), selector));
    }

    /// <summary>
    /// Lists the leaves added, removed and changed from <paramref name="before"/> to <paramref name="after"/>,
    /// in canonical path order. Values compare by model equality, so <c>1</c> to <c>1.0</c> is a change.
    /// </summary>
    public static ImmutableArray<LeafChange> Diff(IImmutableMap before, IImmutableMap after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = ImmutableArray.CreateBuilder<LeafChange>();
        DiffMaps(before, after, ModelPath.Root, changes);
        return changes.ToImmutable();
    }

    /// <summary>
    /// Deep-merges <paramref name="maps"/> left to right: maps merge key by key, and any other value in a later map
    /// (a scalar, a list, <see langword="null"/>) replaces the earlier one, whatever its kind. Untouched subtrees
    /// are shared with the inputs.
    /// </summary>
    /// <example>
    /// <code>
    /// var config = MapTree.Merge(baseConfig, experiment);           // right wins, maps merge
    /// var checkedConfig = MapTree.Merge(MergeMode.Strict, baseConfig, experiment);  // no new keys, no kind changes
    /// </code>
    /// </example>
    public static ImmutableMap<string, object?> Merge(params ImmutableMap<string, object?>[] maps) => Merge(MergeMode.Open, maps);

    /// <summary>Deep-merges <paramref name="maps"/> left to right under <paramref name="mode"/>.</summary>
    /// <exception cref="ArgumentException">In strict mode, a later map adds a key or changes a value's kind; the message names the path.</exception>
    public static ImmutableMap<string, object?> Merge(MergeMode mode, params ImmutableMap<string, object?>[] maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        if (maps.Length == 0) return ImmutableMap<string, object?>.Empty;
        var result = maps[0] ?? throw new ArgumentNullException(nameof(maps));
        for (int i = 1; i < maps.Length; i++)
            result = (ImmutableMap<string, object?>)MergeMaps(result, maps[i] ?? throw new ArgumentNullException(nameof(maps)), ModelPath.Root, mode);
        return result;
    }

    private static IImmutableMap MergeMaps(IImmutableMap left, IImmutableMap right, string path, MergeMode mode)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return (left, right) switch
        {
            (ImmutableMap<string, object?> l, ImmutableMap<string, object?> r) => MergeTyped(l, r, path, mode),
            (ImmutableMap<long, object?> l, ImmutableMap<long, object?> r) => MergeTyped(l, r, path, mode),
            _ when right.Count == 0 => left,
            _ when mode == MergeMode.Strict => throw new ArgumentException($"Strict merge: `{ModelPath.Display(path)}` has {left.KeyType.Name} keys in the base and {right.KeyType.Name} keys later."),
            _ => right,
        };
    }

    private static ImmutableMap<TKey, object?> MergeTyped<TKey>(ImmutableMap<TKey, object?> left, ImmutableMap<TKey, object?> right, string path, MergeMode mode)
        where TKey : notnull
    {
        if (right.IsEmpty) return left;
        if (left.IsEmpty && mode == MergeMode.Open) return right;
        var merged = new KeyValuePair<TKey, object?>[right.Count];
        int n = 0;
        foreach (var (key, value) in right)
        {
            string childPath = ModelPath.Key(path, key);
            if (!left.TryGetValue(key, out var before))
            {
                if (mode == MergeMode.Strict) throw new ArgumentException($"Strict merge: `{childPath}` is not in the base config.");
                merged[n++] = new(key, value);
                continue;
            }
            if (before is IImmutableMap beforeMap && value is IImmutableMap valueMap)
            {
                merged[n++] = new(key, MergeMaps(beforeMap, valueMap, childPath, mode));
                continue;
            }
            if (mode == MergeMode.Strict && before is not null && value is not null && ModelValue.GetKind(before) != ModelValue.GetKind(value))
                throw new ArgumentException($"Strict merge: `{childPath}` changes from {KindName(before)} to {KindName(value)}.");
            merged[n++] = new(key, value);
        }
        return left.SetItems(merged);
    }

    private static string KindName(object? value) => ModelValue.GetKind(value) switch
    {
        ModelKind.Integer => "an integer",
        ModelKind.Float => "a float",
        ModelKind.String => "a string",
        ModelKind.Bool => "a boolean",
        ModelKind.Bytes => "bytes",
        ModelKind.List => "a list",
        ModelKind.Map => "a map",
        _ => "a " + value?.GetType().Name,
    };

    private static void CollectLeaves(object? value, string path, List<MapLeaf> leaves)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (value is IImmutableMap map && map.Count > 0)
        {
            for (int i = 0; i < map.Count; i++) CollectLeaves(map.GetValue(i), ModelPath.Key(path, map.GetKey(i)), leaves);
        }
        else if (ModelValue.IsImmutableList(value) && ((IList)value!).Count > 0)
        {
            var list = (IList)value;
            for (int i = 0; i < list.Count; i++) CollectLeaves(list[i], ModelPath.Index(path, i), leaves);
        }
        else
        {
            leaves.Add(new MapLeaf(path, value));
        }
    }

    private static object? MapLeaf(object? value, string path, Func<string, object?, object?> selector)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (value is IImmutableMap map && map.Count > 0)
        {
            // Same keys, same key type: a nested ImmutableMap<ulong, T> keeps 2^64-1 as it is.
            var values = new object?[map.Count];
            for (int i = 0; i < values.Length; i++) values[i] = MapLeaf(map.GetValue(i), ModelPath.Key(path, map.GetKey(i)), selector);
            return map.WithObjectValues(values);
        }
        if (ModelValue.IsImmutableList(value) && ((IList)value!).Count > 0)
        {
            var list = (IList)value;
            var items = ImmutableArray.CreateBuilder<object?>(list.Count);
            for (int i = 0; i < list.Count; i++) items.Add(MapLeaf(list[i], ModelPath.Index(path, i), selector));
            return items.MoveToImmutable();
        }
        return selector(path, value);
    }

    private static void DiffMaps(IImmutableMap before, IImmutableMap after, string path, ImmutableArray<LeafChange>.Builder changes)
    {
        // Both maps are in canonical order: merge them like two sorted lists.
        int i = 0, j = 0;
        while (i < before.Count || j < after.Count)
        {
            int order = i == before.Count ? 1 : j == after.Count ? -1 : ObjectKeyComparer.Instance.Compare(before.GetKey(i), after.GetKey(j));
            if (order < 0)
            {
                AddAll(LeafChangeKind.Removed, before.GetValue(i), ModelPath.Key(path, before.GetKey(i)), changes);
                i++;
            }
            else if (order > 0)
            {
                AddAll(LeafChangeKind.Added, after.GetValue(j), ModelPath.Key(path, after.GetKey(j)), changes);
                j++;
            }
            else
            {
                DiffValues(before.GetValue(i), after.GetValue(j), ModelPath.Key(path, before.GetKey(i)), changes);
                i++;
                j++;
            }
        }
    }

    private static void DiffValues(object? before, object? after, string path, ImmutableArray<LeafChange>.Builder changes)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (before is IImmutableMap mapBefore && after is IImmutableMap mapAfter && mapBefore.Count > 0 && mapAfter.Count > 0)
        {
            DiffMaps(mapBefore, mapAfter, path, changes);
        }
        else if (ModelValue.IsImmutableList(before) && ModelValue.IsImmutableList(after) && ((IList)before!).Count > 0 && ((IList)after!).Count > 0)
        {
            var listBefore = (IList)before;
            var listAfter = (IList)after;
            int common = Math.Min(listBefore.Count, listAfter.Count);
            for (int i = 0; i < common; i++) DiffValues(listBefore[i], listAfter[i], ModelPath.Index(path, i), changes);
            for (int i = common; i < listBefore.Count; i++) AddAll(LeafChangeKind.Removed, listBefore[i], ModelPath.Index(path, i), changes);
            for (int i = common; i < listAfter.Count; i++) AddAll(LeafChangeKind.Added, listAfter[i], ModelPath.Index(path, i), changes);
        }
        else if (!ModelValue.AreEqual(before, after))
        {
            changes.Add(new LeafChange(LeafChangeKind.Changed, path, before, after));
        }
    }

    private static void AddAll(LeafChangeKind kind, object? value, string path, ImmutableArray<LeafChange>.Builder changes)
    {
        var leaves = new List<MapLeaf>();
        CollectLeaves(value, path, leaves);
        foreach (var leaf in leaves)
        {
            changes.Add(kind == LeafChangeKind.Added
                ? new LeafChange(kind, leaf.Path, null, leaf.Value)
                : new LeafChange(kind, leaf.Path, leaf.Value, null));
        }
    }
}
