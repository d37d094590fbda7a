using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Xmmutablemap.Serialization.Internal;

/// <summary>
/// Per-thread scratch collections for readers: a document nests maps and lists, and each level reuses
/// the growing buffers of the last document instead of allocating fresh ones for every map and list.
/// </summary>
internal static class Scratch
{
    private const int MaxPooled = 64;
    private const int MaxCapacity = 4096; // a huge list is not kept alive after its document

    [ThreadStatic] private static Stack<List<object?>>? t_lists;
    [ThreadStatic] private static Stack<ModelMapBuilder>? t_maps;

    public static List<object?> RentList() => t_lists is { Count: > 0 } pool ? pool.Pop() : new List<object?>(8);

    /// <summary>Copies the items into an exact-size immutable array and gives the list back.</summary>
    public static ImmutableArray<object?> ToImmutableAndReturn(List<object?> list)
    {
        var items = ImmutableCollectionsMarshal.AsImmutableArray(list.ToArray());
        list.Clear();
        if (list.Capacity <= MaxCapacity && (t_lists ??= new()).Count < MaxPooled) t_lists.Push(list);
        return items;
    }

    public static ModelMapBuilder RentMap() => t_maps is { Count: > 0 } pool ? pool.Pop() : new ModelMapBuilder();

    public static void Return(ModelMapBuilder map)
    {
        if (!map.Reset(MaxCapacity)) return;
        if ((t_maps ??= new()).Count < MaxPooled) t_maps.Push(map);
    }
}
