using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xmmutablemap.Documents;

namespace Xmmutablemap.Internal;

/// <summary>
/// Deep conversion of mutable graphs into the normalized model representation (the one readers produce),
/// through the same rules readers use (<see cref="DocumentMapBuilder"/>, <see cref="ModelNumbers"/>).
/// </summary>
internal sealed class ModelFreezer
{
    // Deep enough for any real config; shallow enough that a cyclic graph fails fast instead of overflowing the stack.
    private static readonly DocumentLimits Limits = new() { MaxDepth = 256 };

    private readonly DocumentPath _path = new();

    public static object? Freeze(object? value)
    {
        var freezer = new ModelFreezer();
        try
        {
            return freezer.FreezeValue(value);
        }
        catch (DocumentException e)
        {
            string reason = e.Reason.StartsWith("nesting is deeper", StringComparison.Ordinal) ? e.Reason + " (is the graph cyclic?)" : e.Reason;
            throw new NotSupportedException($"Cannot freeze the value at '{ModelPath.Display(e.Path)}': {reason}.", e);
        }
    }

    private object? FreezeValue(object? value)
    {
        switch (value)
        {
            case null or bool or string or double: return value;
            case long l: return ModelNumbers.Integer(l);
            case ImmutableArray<byte> bytes: return bytes.IsDefault ? ImmutableArray<byte>.Empty : bytes;
            case byte[] bytes: return ImmutableArray.Create(bytes);
            case JsonElement element: return FreezeJson(element);
            case JsonNode node: return FreezeJson(node);
            case IImmutableMap map: return FreezeMap(Enumerate(map));
            case IDictionary dictionary: return FreezeMap(Enumerate(dictionary));
            case IEnumerable<KeyValuePair<string, object?>> pairs: return FreezeMap(pairs.Select(p => ((object)p.Key, p.Value)));
        }
        if (ModelValue.TryGetInteger(value, out var integer) && ModelNumbers.TryInteger(integer, out var model)) return model;
        if (ModelValue.TryGetFloat(value, out var number)) return number;
        if (value is IEnumerable sequence) return FreezeList(sequence.Cast<object?>(), FreezeValue);
        throw new DocumentException($"{value.GetType().FullName} has no equivalent in the data model", _path.ToString());
    }

    private static IEnumerable<(object Key, object? Value)> Enumerate(IImmutableMap map)
    {
        for (int i = 0; i < map.Count; i++) yield return (map.GetKey(i), map.GetValue(i));
    }

    private static IEnumerable<(object Key, object? Value)> Enumerate(IDictionary dictionary)
    {
        foreach (DictionaryEntry entry in dictionary) yield return (entry.Key, entry.Value);
    }

    private object FreezeMap(IEnumerable<(object Key, object? Value)> entries) => FreezeMap(entries, FreezeValue);

    private object FreezeMap<T>(IEnumerable<(object Key, T Value)> entries, Func<T, object?> freeze)
    {
        Limits.EnterCollection(_path);
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var map = DocumentMapBuilder.Rent();
        foreach (var (key, value) in entries)
        {
            // Integer keys of any CLR type are normalized as values are; the builder refuses the rest.
            object modelKey = ModelValue.TryGetInteger(key, out var integer) && ModelNumbers.TryInteger(integer, out var k) ? k : key;
            _path.PushKey(modelKey);
            var frozen = freeze(value);
            _path.Pop();
            map.Add(modelKey, frozen, _path);
        }
        return map.ToMap(_path);
    }

    private ImmutableArray<object?> FreezeList<T>(IEnumerable<T> items, Func<T, object?> freeze)
    {
        Limits.EnterCollection(_path);
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var list = DocumentListBuilder.Rent();
        _path.PushIndex(0);
        foreach (var item in items)
        {
            _path.SetIndex(list.Count);
            list.Add(freeze(item));
        }
        _path.Pop();
        return list.ToImmutable();
    }

    private object? FreezeJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => ModelNumbers.Bool(true),
        JsonValueKind.False => ModelNumbers.Bool(false),
        JsonValueKind.String => ModelText.CheckString(element.GetString()!, _path),
        JsonValueKind.Number => ModelNumbers.ParseNumber(element.GetRawText(), _path),
        JsonValueKind.Array => FreezeList(element.EnumerateArray(), FreezeJson),
        JsonValueKind.Object => FreezeMap(element.EnumerateObject().Select(p => ((object)p.Name, p.Value)), FreezeJson),
        _ => throw new DocumentException($"unexpected JSON value kind {element.ValueKind}", _path.ToString()),
    };

    private object? FreezeJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => FreezeMap(obj.Select(p => ((object)p.Key, p.Value)), FreezeJson),
        JsonArray array => FreezeList(array, FreezeJson),
        // A JsonValue may wrap a CLR value or a JsonElement; go through its element form.
        JsonValue value when value.TryGetValue<JsonElement>(out var element) => FreezeJson(element),
        JsonValue value => FreezeValue(value.GetValue<object>()),
        _ => throw new DocumentException($"unexpected JSON node {node.GetType().FullName}", _path.ToString()),
    };
}
