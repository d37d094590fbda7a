using System.Text.Json.Serialization;

namespace Xmmutablemap.AotApp;

/// <summary>System.Text.Json's source-generated contract for the map: the AOT way to use the converter the map type names.</summary>
[JsonSerializable(typeof(ImmutableMap<string, object?>))]
internal sealed partial class AppJsonContext : JsonSerializerContext;
