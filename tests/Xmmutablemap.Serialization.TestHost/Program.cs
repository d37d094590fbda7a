using ProtoBuf;
using Xmmutablemap;
using Xmmutablemap.Serialization.TestHost;

// Prints the default type model's bytes for a map, then the map read back from a contract holding it, and which of
// this library's assemblies were loaded, so the test sees that nothing but protobuf-net was called.
var config = ImmutableMap.Of<string, object?>(("b", 1.0), ("a", 1L));
using var alone = new MemoryStream();
Serializer.Serialize(alone, config);
Console.WriteLine(Convert.ToHexString(alone.ToArray()));

using var stream = new MemoryStream();
Serializer.Serialize(stream, new Envelope { Id = "x", Config = config });
stream.Position = 0;
var back = Serializer.Deserialize<Envelope>(stream);
Console.WriteLine($"{back.Id} {back.Config} {back.Config["a"]!.GetType().Name}");
return 0;
