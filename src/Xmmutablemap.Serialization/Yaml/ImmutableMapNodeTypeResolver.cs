using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Xmmutablemap.Serialization.Yaml;

/// <summary>
/// Keeps an expected <see cref="ImmutableMap{TKey, TValue}"/> type when the node carries a tag. Without it,
/// YamlDotNet's tag resolver turns a <c>!!map</c>-tagged mapping (valid YAML, which <see cref="YamlMapFormat"/>
/// reads) into a <c>Dictionary&lt;object, object&gt;</c> before the map converter is asked, and then fails to
/// convert that. The converter reads the tag itself, under the same rules as the format.
/// </summary>
internal sealed class ImmutableMapNodeTypeResolver : INodeTypeResolver
{
    public static ImmutableMapNodeTypeResolver Instance { get; } = new();

    /// <summary>Stops the resolution, keeping the type, when the expected type is a map.</summary>
    public bool Resolve(NodeEvent? nodeEvent, ref Type currentType) => ImmutableMapYamlTypeConverter.Instance.Accepts(currentType);
}
