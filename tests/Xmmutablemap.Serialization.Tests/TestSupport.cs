using System.Collections;
using System.Collections.Immutable;
using System.Text.Json;
using Json.Schema;
using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Protobuf;
using Xmmutablemap.Serialization.Yaml;

namespace Xmmutablemap.Serialization.Tests;

internal static class TestSupport
{
    public static readonly IMapFormat[] Formats = [JsonMapFormat.Instance, YamlMapFormat.Instance, MessagePackMapFormat.Instance, ProtobufMapFormat.Instance];

    public static TheoryData<string> FormatNames() => new(Formats.Select(f => f.Name));

    public static IMapFormat Format(string name) => Formats.Single(f => f.Name == name);

    /// <summary>Runs <paramref name="action"/> on a 256 KiB stack with a time limit (see <see cref="Xmmutablemap.Testing.SmallStack"/>).</summary>
    public static void OnSmallStack(Action action, int seconds = 10) => Xmmutablemap.Testing.SmallStack.Run(action, seconds);

    /// <summary>Whether JSON can carry the value: no NaN or infinities, no bytes, no integer-keyed maps.</summary>
    public static bool JsonCanCarry(object? value) => ModelValue.GetKind(value) switch
    {
        ModelKind.Float => ModelValue.TryGetFloat(value, out var d) && double.IsFinite(d),
        ModelKind.Bytes => false,
        ModelKind.List => ((IList)value!).Cast<object?>().All(JsonCanCarry),
        // An empty integer-keyed map has no keys to refuse: it is written as {} and reads back as an equal empty map.
        ModelKind.Map => value is IImmutableMap map && (map.Count == 0 || map.KeyType == typeof(string)) && Enumerable.Range(0, map.Count).All(i => JsonCanCarry(map.GetValue(i))),
        _ => true,
    };

    public static bool CanCarry(IMapFormat format, object? value) => format.Name != "json" || JsonCanCarry(value);

    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "xmmutablemap.schema.json")));

    /// <summary>Every JSON document the tests write goes through here: schemas/xmmutablemap.schema.json must accept it.</summary>
    public static byte[] WriteJson(IImmutableMap map)
    {
        byte[] bytes = JsonMapFormat.Instance.WriteToArray(map);
        using var doc = JsonDocument.Parse(bytes);
        var result = Schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, "schema rejected: " + System.Text.Encoding.UTF8.GetString(bytes));
        return bytes;
    }

    public static byte[] Write(IMapFormat format, IImmutableMap map) => format.Name == "json" ? WriteJson(map) : format.WriteToArray(map);

    public static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);

    public static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
