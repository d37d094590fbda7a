using System.Text.Json;
using global::MessagePack;
using Xmmutablemap;
using Xmmutablemap.AotApp;
using Xmmutablemap.Serialization;
using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Protobuf;
using Xmmutablemap.Serialization.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

// Usage: Xmmutablemap.AotApp FILE...  prints "sha256:<hex>  FILE" per file, as `xmm hash` does, then
// "adapter NAME sha256:<hex>" for each native adapter's round trip of the first file.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Xmmutablemap.AotApp FILE...");
    return 2;
}
foreach (var file in args) Console.WriteLine($"{MapFile.Load(file).ContentHash}  {file}");

var config = MapFile.Load(args[0]);
foreach (var format in MapFormatRegistry.Default.Formats)
{
    // The facade's own readers and writers, all four, in memory.
    Console.WriteLine($"facade {format.Name} {format.Read(format.WriteToArray(config)).ContentHash}");
}

// No converter registration: the map type names its own, and the source generator honours that under AOT.
var mapInfo = AppJsonContext.Default.ImmutableMapStringObject;
var viaJson = JsonSerializer.Deserialize(JsonSerializer.Serialize(config, mapInfo), mapInfo)!;
Console.WriteLine($"adapter System.Text.Json {viaJson.ContentHash}");

var viaMessagePack = MessagePackSerializer.Deserialize<ImmutableMap<string, object?>>(MessagePackSerializer.Serialize(config, ImmutableMapResolver.Options), ImmutableMapResolver.Options);
Console.WriteLine($"adapter MessagePack-CSharp {viaMessagePack.ContentHash}");

// YamlDotNet's reflection-based builders are not AOT-safe (YamlDotNet says so); its parser and emitter are,
// and so is the type converter over them.
var converter = ImmutableMapYamlTypeConverter.Instance;
var text = new StringWriter();
var emitter = new Emitter(text);
emitter.Emit(new StreamStart());
emitter.Emit(new DocumentStart());
converter.WriteYaml(emitter, config, typeof(ImmutableMap<string, object?>), (_, _) => throw new NotSupportedException());
emitter.Emit(new DocumentEnd(isImplicit: true));
emitter.Emit(new StreamEnd());
var parser = new Parser(new StringReader(text.ToString()));
parser.Consume<StreamStart>();
parser.Consume<DocumentStart>();
var viaYaml = (ImmutableMap<string, object?>)converter.ReadYaml(parser, typeof(ImmutableMap<string, object?>), _ => throw new NotSupportedException())!;
Console.WriteLine($"adapter YamlDotNet {viaYaml.ContentHash}");

// protobuf-net's RuntimeTypeModel compiles serializers at run time and cannot work under native AOT
// (RuntimeTypeModelExtensions says so with [RequiresDynamicCode]); the facade's protobuf format above can.
Console.WriteLine($"adapter protobuf-net skipped (use {nameof(ProtobufMapFormat)})");
return 0;
