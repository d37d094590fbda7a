using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Xmmutablemap.Documents;

/// <summary>
/// Collects the elements of one list of model values; pooled per thread, so a document's many small lists
/// reuse the buffers of the last document instead of allocating fresh ones.
/// </summary>
/// <example>
/// <code>
/// var items = DocumentListBuilder.Rent();
/// items.Add(1L); items.Add("two");
/// ImmutableArray&lt;object?&gt; list = items.ToImmutable();   // gives the builder back
/// </code>
/// </example>
public sealed class DocumentListBuilder
{
    private const int MaxPooled = 64;
    private const int MaxKeptCapacity = 4096; // a huge list's buffer is not kept alive after its document
    [ThreadStatic] private static Stack<DocumentListBuilder>? t_pool;

    private readonly List<object?> _items = new(8);

    private DocumentListBuilder()
    {
    }

    /// <summary>A builder from this thread's pool, or a new one.</summary>
    public static DocumentListBuilder Rent() => t_pool is { Count: > 0 } pool ? pool.Pop() : new DocumentListBuilder();

    /// <summary>The elements added so far.</summary>
    public int Count => _items.Count;

    /// <summary>Adds an element.</summary>
    public void Add(object? item) => _items.Add(item);

    /// <summary>Returns the elements as an exact-size immutable array, and gives the builder back to the pool (do not use it afterwards).</summary>
    public ImmutableArray<object?> ToImmutable()
    {
        var items = ImmutableCollectionsMarshal.AsImmutableArray(_items.ToArray());
        _items.Clear();
        if (_items.Capacity <= MaxKeptCapacity && (t_pool ??= new()).Count < MaxPooled) t_pool.Push(this);
        return items;
    }
}
