using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Xmmutablemap.Internal;

/// <summary>Deep conversion of mutable graphs into the normalized model representation (the one deserializers produce).</summary>
internal static class ModelFreezer
{
    // Deep enough for any real config; shallow enough that a cyclic graph fails fast instead of overflowing the stack.
    public const int MaxDepth = 256;

    public static object? Freeze(object? value, string path, int depth)
    {
        if (depth > MaxDepth) throw Fail(path, $"nesting is deeper than {MaxDepth} levels (is the graph cyclic?)");
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (value)
        {
            case null or bool or string or long or double: return value;
            case ImmutableArray<byte> bytes: return bytes.IsDefault ? ImmutableArray<byte>.Empty : bytes;
            case byte[] bytes: return ImmutableArray.Create(bytes);
            case JsonElement element: return FreezeJson(element, path, depth);
            case JsonNode node: return FreezeJson(node, path, depth);
            case IImmutableMap map: return FreezeMap(Enumerate(map), map.Count, path, depth);
            case IDictionary dictionary: return FreezeMap(Enumerate(dictionary), dictionary.Count, path, depth);
            case IEnumerable<KeyValuePair<string, object?>> pairs: return FreezeMap(pairs.Select(p => (Key: (object)p.Key, p.Value)), 0, path, depth);
        }
        if (ModelValue.TryGetInteger(value, out var integer)) return NormalizeInteger(integer);
        if (ModelValue.TryGetFloat(value, out var number)) return number;
        if (value is IEnumerable sequence)
        {
            var items = ImmutableArray.CreateBuilder<object?>();
            int i = 0;
            foreach (var item in sequence)
            {
                items.Add(Freeze(item, ModelPath.Index(path, i++), depth + 1));
            }
            return items.DrainToImmutable();
        }
        throw Fail(path, $"{value.GetType().FullName} has no equivalent in the data model");
    }

    /// <summary>Integers are held as <see cref="long"/>, and as <see cref="ulong"/> only above <see cref="long.MaxValue"/>.</summary>
    public static object NormalizeInteger(Int128 value) => value <= long.MaxValue ? (long)value : (ulong)value;

    private static IEnumerable<(object Key, object? Value)> Enumerate(IImmutableMap map)
    {
        for (int i = 0; i < map.Count; i++) yield return (map.GetKey(i), map.GetValue(i));
    }

    private static IEnumerable<(object Key, object? Value)> Enumerate(IDictionary dictionary)
    {
        foreach (DictionaryEntry entry in dictionary) yield return (entry.Key, entry.Value);
    }

    private static object FreezeMap(IEnumerable<(object Key, object? Value)> entries, int capacity, string path, int depth)
    {
        var stringKeys = new List<KeyValuePair<string, object?>>(capacity);
        var integerKeys = new List<KeyValuePair<long, object?>>();
        foreach (var (key, value) in entries)
        {
            string childPath = ModelPath.Key(path, key);
            if (key is string s)
            {
                stringKeys.Add(new(s, Freeze(value, childPath, depth + 1)));
            }
            else if (ModelValue.TryGetInteger(key, out var integer) && integer >= long.MinValue && integer <= long.MaxValue)
            {
                integerKeys.Add(new((long)integer, Freeze(value, childPath, depth + 1)));
            }
            else
            {
                throw Fail(path, $"a map key of type {key.GetType().FullName} is not a string or a 64-bit integer");
            }
            if (stringKeys.Count > 0 && integerKeys.Count > 0) throw Fail(path, "a map mixes string and integer keys");
        }
        try
        {
            return integerKeys.Count > 0 ? ImmutableMap.CreateRange(integerKeys) : ImmutableMap.CreateRange(stringKeys);
        }
        catch (ArgumentException e)
        {
            throw Fail(path, e.Message);
        }
    }

    private static object? FreezeJson(JsonElement element, string path, int depth)
    {
        if (depth > MaxDepth) throw Fail(path, $"nesting is deeper than {MaxDepth} levels");
        switch (element.ValueKind)
        {
            case JsonValueKind.Null: return null;
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.String: return element.GetString();
            case JsonValueKind.Number: return FreezeJsonNumber(element.GetRawText(), path);
            case JsonValueKind.Array:
            {
                var items = ImmutableArray.CreateBuilder<object?>(element.GetArrayLength());
                int i = 0;
                foreach (var item in element.EnumerateArray()) items.Add(FreezeJson(item, ModelPath.Index(path, i++), depth + 1));
                return items.MoveToImmutable();
            }
            case JsonValueKind.Object:
            {
                var builder = ImmutableMap.CreateBuilder<string, object?>();
                foreach (var property in element.EnumerateObject())
                {
                    string childPath = ModelPath.Key(path, property.Name);
                    if (builder.ContainsKey(property.Name)) throw Fail(childPath, "the key appears more than once");
                    builder.Add(property.Name, FreezeJson(property.Value, childPath, depth + 1));
                }
                return builder.ToImmutable();
            }
            default: throw Fail(path, $"unexpected JSON value kind {element.ValueKind}");
        }
    }

    private static object? FreezeJson(JsonNode? node, string path, int depth)
    {
        if (depth > MaxDepth) throw Fail(path, $"nesting is deeper than {MaxDepth} levels");
        switch (node)
        {
            case null: return null;
            case JsonObject obj:
            {
                var builder = ImmutableMap.CreateBuilder<string, object?>();
                foreach (var (name, child) in obj) builder.Add(name, FreezeJson(child, ModelPath.Key(path, name), depth + 1));
                return builder.ToImmutable();
            }
            case JsonArray array:
            {
                var items = ImmutableArray.CreateBuilder<object?>(array.Count);
                for (int i = 0; i < array.Count; i++) items.Add(FreezeJson(array[i], ModelPath.Index(path, i), depth + 1));
                return items.MoveToImmutable();
            }
            case JsonValue value:
                // A JsonValue may wrap a CLR value or a JsonElement; go through its element form.
                if (value.TryGetValue<JsonElement>(out var element)) return FreezeJson(element, path, depth);
                return Freeze(value.GetValue<object>(), path, depth);
            default: throw Fail(path, $"unexpected JSON node {node.GetType().FullName}");
        }
    }

    /// <summary>JSON numbers: integer syntax gives an integer, a fraction or exponent gives a float, as in the JSON format rules.</summary>
    internal static object FreezeJsonNumber(string text, string path)
    {
        bool isInteger = text.AsSpan().IndexOfAny('.', 'e', 'E') < 0;
        if (isInteger)
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l;
            if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong u)) return u;
            throw Fail(path, $"the integer {text} is outside the model range -2^63..2^64-1");
        }
        double d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(d)) throw Fail(path, $"the number {text} overflows a 64-bit float");
        return d;
    }

    private static NotSupportedException Fail(string path, string reason) => new($"Cannot freeze the value at '{ModelPath.Display(path)}': {reason}.");
}
