using Xmmutablemap.Documents;
using Xmmutablemap.Json;
using Xmmutablemap.Serialization;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Yaml;

namespace Xmmutablemap.Fuzz;

/// <summary>
/// One fuzz target per reader: read the input; a <see cref="MapFormatException"/> is the expected way to
/// refuse it; anything else escapes and is a finding. An accepted document must re-encode through every
/// format that can carry it to the same content hash, or the target throws. JSON is also read through a 7-byte
/// window, as files are read a window at a time: it must give the same map or the same error. And what a format
/// reads, its library's own API must read to the same map through the adapter.
/// </summary>
internal static class FuzzTarget
{
    public static void Run(string formatName, byte[] input)
    {
        var format = MapFormatRegistry.Default.GetByName(formatName);
        ImmutableMap<string, object?> map;
        try
        {
            map = format.Read(input);
        }
        catch (MapFormatException e)
        {
            if (formatName == "json") CheckWindow(input, e, null);
            return;
        }
        if (formatName == "json") CheckWindow(input, null, map);
        var native = ReadNatively(formatName, input);
        if (!map.Equals(native)) throw new InvalidOperationException($"{formatName}: the format read {map}, its library {native}");
        var hash = map.ContentHash;
        foreach (var other in MapFormatRegistry.Default.Formats)
        {
            byte[] bytes;
            try
            {
                bytes = other.WriteToArray(map);
            }
            catch (MapFormatException)
            {
                continue; // a value this format cannot carry (NaN in JSON, ...)
            }
            if (other.Read(bytes).ContentHash != hash)
                throw new InvalidOperationException($"{format.Name} -> {other.Name} changed the content hash");
        }
    }

    private static readonly YamlDotNet.Serialization.IDeserializer NativeYaml = new YamlDotNet.Serialization.DeserializerBuilder().WithImmutableMaps().Build();

    // Each library's own entry point, through the adapter; an exception escapes and is a finding.
    private static ImmutableMap<string, object?>? ReadNatively(string name, byte[] input) => name switch
    {
        "json" => System.Text.Json.JsonSerializer.Deserialize<ImmutableMap<string, object?>>(input),
        "yaml" => NativeYaml.Deserialize<ImmutableMap<string, object?>>(YamlMapFormat.CreateParser(new StringReader(System.Text.Encoding.UTF8.GetString(input)))),
        "msgpack" => MessagePack.MessagePackSerializer.Deserialize<ImmutableMap<string, object?>>(input, ImmutableMapResolver.Options),
        _ => ProtoBuf.Serializer.Deserialize<ImmutableMap<string, object?>>(new MemoryStream(input)),
    };

    private static void CheckWindow(byte[] input, MapFormatException? wholeError, ImmutableMap<string, object?>? whole)
    {
        ImmutableMap<string, object?> streamed;
        try
        {
            streamed = JsonModelReader.ReadDocument(new MemoryStream(input), DocumentLimits.Default, bufferSize: 7);
        }
        catch (DocumentException e)
        {
            if (wholeError is null) throw new InvalidOperationException($"json: accepted whole, refused through a window: {e.Message}");
            if ((wholeError.Reason, wholeError.DocumentPath, wholeError.Line, wholeError.Column) != (e.Reason, e.Path, e.Position.Line, e.Position.Column))
                throw new InvalidOperationException($"json: whole '{wholeError.Message}', through a window '{e.Message}'");
            return;
        }
        if (wholeError is not null) throw new InvalidOperationException($"json: refused whole ({wholeError.Message}), accepted through a window");
        if (!streamed.Equals(whole)) throw new InvalidOperationException("json: a different map through a window");
    }
}
