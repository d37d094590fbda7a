using System.Collections;
using System.Collections.Immutable;
using Xmmutablemap.Documents;

namespace Xmmutablemap;

/// <summary>
/// Reading and writing nested configs by path (<see cref="ModelPath"/>): <c>optimizer.lr</c>, <c>layers[2].units</c>.
/// Nothing changes in place: <see cref="SetPath"/> and <see cref="RemovePath"/> return a new map in which only the
/// maps and lists along the path are new, and every other subtree is the same object as in the input.
/// </summary>
/// <example>
/// <code>
/// double lr = config.GetPath&lt;double&gt;("optimizer.lr");
/// var faster = config.SetPath("optimizer.lr", 1e-3);        // config is unchanged
/// var seedless = config.ContentHashExcluding("seed", "output_dir");
/// </code>
/// </example>
public static class ImmutableMapPathExtensions
{
    /// <summary>The value at <paramref name="path"/>.</summary>
    /// <exception cref="KeyNotFoundException">The path does not exist; the message names the deepest existing part and the nearest key.</exception>
    /// <exception cref="FormatException">The path is malformed.</exception>
    public static object? GetPath(this ImmutableMap<string, object?> map, string path)
    {
        ArgumentNullException.ThrowIfNull(map);
        var segments = ModelPath.Parse(path);
        return Find(map, segments, out int depth, out var value) ? value : throw Missing(map, segments, depth);
    }

    /// <summary>The value at <paramref name="path"/> as <typeparamref name="T"/>, converted only without loss
    /// (an integer into a narrower integer type when it fits; never an integer from a float, nor a number from text).</summary>
    /// <exception cref="KeyNotFoundException">The path does not exist.</exception>
    /// <exception cref="InvalidCastException">The value is not a <typeparamref name="T"/>; the message names the path and the value.</exception>
    public static T GetPath<T>(this ImmutableMap<string, object?> map, string path)
    {
        object? value = map.GetPath(path);
        return ModelConversions.TryConvert<T>(value, out var result)
            ? result
            : throw new InvalidCastException($"The value at `{path}` is {Describe(value)}, not {typeof(T).Name}.");
    }

    /// <summary>The value at <paramref name="path"/> as <typeparamref name="T"/>, or false when the path does not exist or the value does not convert without loss.</summary>
    /// <exception cref="FormatException">The path is malformed.</exception>
    public static bool TryGetPath<T>(this ImmutableMap<string, object?> map, string path, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T value)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (Find(map, ModelPath.Parse(path), out _, out var found) && ModelConversions.TryConvert(found, out value)) return true;
        value = default;
        return false;
    }

    /// <summary>Whether <paramref name="path"/> exists.</summary>
    public static bool ContainsPath(this ImmutableMap<string, object?> map, string path)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Find(map, ModelPath.Parse(path), out _, out _);
    }

    /// <summary>
    /// Returns a map with the value at <paramref name="path"/> set (added or replaced); missing parent maps are
    /// created. <paramref name="value"/> is frozen first (<see cref="ImmutableMap.Freeze"/>), so a <c>List&lt;T&gt;</c>
    /// or a <c>Dictionary</c> becomes a model value. Only the maps and lists along the path are new.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A list index along the path is out of range, or a part of the path is a scalar.</exception>
    /// <exception cref="ArgumentException">The path is the top level (empty).</exception>
    public static ImmutableMap<string, object?> SetPath(this ImmutableMap<string, object?> map, string path, object? value)
    {
        ArgumentNullException.ThrowIfNull(map);
        var segments = ModelPath.Parse(path);
        if (segments.IsEmpty) throw new ArgumentException("SetPath needs a path below the top level.", nameof(path));
        return (ImmutableMap<string, object?>)SetIn(map, map, segments, 0, ImmutableMap.Freeze(value), createParents: true)!;
    }

    /// <summary>Returns a map without the value at <paramref name="path"/> (a map entry or a list element); the same map when the path does not exist.</summary>
    /// <exception cref="ArgumentException">The path is the top level (empty).</exception>
    public static ImmutableMap<string, object?> RemovePath(this ImmutableMap<string, object?> map, string path)
    {
        ArgumentNullException.ThrowIfNull(map);
        var segments = ModelPath.Parse(path);
        if (segments.IsEmpty) throw new ArgumentException("RemovePath needs a path below the top level.", nameof(path));
        return Find(map, segments, out _, out _) ? (ImmutableMap<string, object?>)RemoveIn(map, segments, 0) : map;
    }

    /// <summary>
    /// For a path that does not exist: the nearest existing path that differs only in its first missing key
    /// (by edit distance, at most a third of the key's length), for "did you mean" messages; otherwise null.
    /// </summary>
    /// <example>
    /// <code>
    /// config.SuggestPath("optimizer.lrr");   // "optimizer.lr"
    /// </code>
    /// </example>
    public static string? SuggestPath(this ImmutableMap<string, object?> map, string path)
    {
        ArgumentNullException.ThrowIfNull(map);
        var segments = ModelPath.Parse(path);
        if (Find(map, segments, out int depth, out _)) return null;
        Find(map, segments.RemoveRange(depth, segments.Length - depth), out _, out var container);
        return container is IImmutableMap found ? Nearest(found, ModelPath.Format(segments.Take(depth)), segments[depth]) : null;
    }

    /// <summary>
    /// The content hash of <paramref name="map"/> without the given paths (a run's seed, its output directory);
    /// paths that do not exist are ignored. Only the maps along the excluded paths are rebuilt.
    /// </summary>
    public static ContentHash ContentHashExcluding(this ImmutableMap<string, object?> map, params IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(paths);
        foreach (string path in paths) map = map.RemovePath(path);
        return map.ContentHash;
    }

    /// <summary>Walks the path; on failure <paramref name="depth"/> is how many segments matched.</summary>
    internal static bool Find(object? root, ImmutableArray<PathSegment> segments, out int depth, out object? value)
    {
        value = root;
        for (depth = 0; depth < segments.Length; depth++)
        {
            if (!TryChild(value, segments[depth], out var child)) return false;
            value = child;
        }
        return true;
    }

    private static bool TryChild(object? container, PathSegment segment, out object? child)
    {
        child = null;
        switch (container)
        {
            case ImmutableMap<string, object?> strings when segment.IsKey: return strings.TryGetValue(segment.Key!, out child);
            case ImmutableMap<long, object?> integers when !segment.IsKey: return integers.TryGetValue(segment.Integer, out child);
            case IImmutableMap other:
                for (int i = 0; i < other.Count; i++)
                {
                    if (ModelValue.AreEqual(other.GetKey(i), segment.AsKey()))
                    {
                        child = other.GetValue(i);
                        return true;
                    }
                }
                return false;
            case IList list when !segment.IsKey && ModelValue.GetKind(list) == ModelKind.List:
                if (segment.Integer < 0 || segment.Integer >= list.Count) return false;
                child = list[(int)segment.Integer];
                return true;
            default:
                return false;
        }
    }

    private static object? SetIn(ImmutableMap<string, object?> root, object? container, ImmutableArray<PathSegment> segments, int i, object? value, bool createParents)
    {
        if (i == segments.Length) return value;
        var segment = segments[i];
        bool exists = TryChild(container, segment, out var child);
        if (!exists && i + 1 < segments.Length)
        {
            if (!createParents || container is not (ImmutableMap<string, object?> or ImmutableMap<long, object?>)) throw Missing(root, segments, i);
            child = segments[i + 1].IsKey ? ImmutableMap<string, object?>.Empty : ImmutableMap<long, object?>.Empty;
        }
        object? updated = SetIn(root, child, segments, i + 1, value, createParents);
        switch (container)
        {
            case ImmutableMap<string, object?> strings when segment.IsKey: return strings.SetItem(segment.Key!, updated);
            case ImmutableMap<long, object?> integers when !segment.IsKey: return integers.SetItem(segment.Integer, updated);
            case ImmutableArray<object?> items when !segment.IsKey && exists: return items.SetItem((int)segment.Integer, updated);
            case IList list when !segment.IsKey && exists && ModelValue.GetKind(list) == ModelKind.List:
                var copy = list.Cast<object?>().ToImmutableArray();
                return copy.SetItem((int)segment.Integer, updated);
            default:
                throw Missing(root, segments, i);
        }
    }

    private static object RemoveIn(object container, ImmutableArray<PathSegment> segments, int i)
    {
        var segment = segments[i];
        if (i + 1 < segments.Length)
        {
            TryChild(container, segment, out var child);
            var updated = RemoveIn(child!, segments, i + 1);
            return container switch
            {
                ImmutableMap<string, object?> strings => strings.SetItem(segment.Key!, updated),
                ImmutableMap<long, object?> integers => integers.SetItem(segment.Integer, updated),
                ImmutableArray<object?> items => items.SetItem((int)segment.Integer, updated),
                IList list => list.Cast<object?>().ToImmutableArray().SetItem((int)segment.Integer, updated),
                _ => throw new InvalidOperationException("unreachable: Find checked the path"),
            };
        }
        return container switch
        {
            ImmutableMap<string, object?> strings => strings.Remove(segment.Key!),
            ImmutableMap<long, object?> integers => integers.Remove(segment.Integer),
            ImmutableArray<object?> items => items.RemoveAt((int)segment.Integer),
            IList list => list.Cast<object?>().ToImmutableArray().RemoveAt((int)segment.Integer),
            _ => throw new InvalidOperationException("unreachable: Find checked the path"),
        };
    }

    /// <summary>
    /// "The path `optimizer.lrr` does not exist: `optimizer` has no key "lrr" (did you mean `optimizer.lr`?)."
    /// Names the deepest part of the path that exists and, for a map, the nearest key.
    /// </summary>
    internal static KeyNotFoundException Missing(ImmutableMap<string, object?> root, ImmutableArray<PathSegment> segments, int depth)
    {
        string path = ModelPath.Format(segments);
        string prefix = ModelPath.Format(segments.Take(depth));
        Find(root, segments.RemoveRange(depth, segments.Length - depth), out _, out var container);
        string where = prefix.Length == 0 ? "the top level" : $"`{prefix}`";
        var segment = segments[depth];
        string reason = container switch
        {
            IImmutableMap map when segment.IsKey || map.KeyType != typeof(string) =>
                $"{where} has no key {ModelValue.Format(segment.AsKey())}" + (Nearest(map, prefix, segment) is { } near ? $" (did you mean `{near}`?)" : ""),
            IImmutableMap => $"{where} has string keys, not {segment.Integer}",
            IList list when ModelValue.GetKind(list) == ModelKind.List => segment.IsKey
                ? $"{where} is a list, so it has no key {ModelValue.Format(segment.Key)}"
                : $"{where} is a list of {list.Count}, so it has no element {segment.Integer}",
            _ => $"{where} is {Describe(container)}, not a map or a list",
        };
        return new KeyNotFoundException($"The path `{path}` does not exist: {reason}.");
    }

    private static string? Nearest(IImmutableMap map, string prefix, PathSegment segment)
    {
        if (!segment.IsKey || map.Count == 0) return null;
        string wanted = segment.Key!;
        string? best = null;
        int bestDistance = int.MaxValue;
        for (int i = 0; i < map.Count; i++)
        {
            if (map.GetKey(i) is not string key) continue;
            int distance = Distance(wanted, key);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = key;
            }
        }
        return best is not null && bestDistance <= Math.Max(1, wanted.Length / 3) ? ModelPath.Key(prefix, best) : null;
    }

    // Levenshtein distance, for suggestions only (keys are short).
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>"the float 0.001", "a map", "a list of 3", "null": how errors name a value.</summary>
    internal static string Describe(object? value) => ModelValue.GetKind(value) switch
    {
        ModelKind.Null => "null",
        ModelKind.Bool => "the boolean " + ModelValue.Format(value),
        ModelKind.Integer => "the integer " + ModelValue.Format(value),
        ModelKind.Float => "the float " + ModelValue.Format(value),
        ModelKind.String => "the string " + ModelValue.Format(value),
        ModelKind.Bytes => "bytes",
        ModelKind.List => $"a list of {((IList)value!).Count}",
        ModelKind.Map => "a map",
        _ => "a " + value!.GetType().Name,
    };
}
