using System.Collections.Concurrent;
using Xmmutablemap.Documents;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Xmmutablemap.Serialization.Yaml;

/// <summary>
/// Lets YamlDotNet's serializer and deserializer handle any <see cref="ImmutableMap{TKey, TValue}"/>:
/// model values (<c>object</c>, <c>double</c>) with the same rules and limits as <see cref="YamlMapFormat"/>,
/// other value types through YamlDotNet itself. Bad input is a <see cref="YamlException"/> naming the path.
/// </summary>
/// <example>
/// <code>
/// var deserializer = new DeserializerBuilder().WithImmutableMaps().Build();
/// var job = deserializer.Deserialize&lt;Job&gt;(yaml);   // Job has an ImmutableMap&lt;string, object?&gt; property
/// </code>
/// </example>
public sealed class ImmutableMapYamlTypeConverter : IYamlTypeConverter
{
    private static readonly ConcurrentDictionary<Type, ITypedMap> TypedMaps = new();

    private readonly DocumentLimits _limits;

    /// <summary>A shared instance with <see cref="DocumentLimits.Default"/>.</summary>
    public static ImmutableMapYamlTypeConverter Instance { get; } = new();

    /// <summary>Creates a converter that applies <paramref name="limits"/> (default <see cref="DocumentLimits.Default"/>).</summary>
    public ImmutableMapYamlTypeConverter(DocumentLimits? limits = null) => _limits = limits ?? DocumentLimits.Default;

    /// <summary>True for every closed <c>ImmutableMap&lt;TKey, TValue&gt;</c>.</summary>
    public bool Accepts(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableMap<,>);

    /// <inheritdoc/>
    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
    {
        if (parser.Current is Scalar { Style: ScalarStyle.Plain } nil && YamlScalarResolver.IsNull(nil.Value))
        {
            parser.MoveNext();
            return null;
        }
        try
        {
            if (type == typeof(ImmutableMap<string, object?>))
            {
                return new YamlModelReader(parser, _limits).ReadValueAtCurrent() as ImmutableMap<string, object?>
                    ?? throw new DocumentException("expected a mapping with string keys", "");
            }
            return TypedMapFor(type).Read(parser, rootDeserializer, _limits);
        }
        catch (DocumentException e)
        {
            throw YamlMapFormat.ToNative(e);
        }
    }

    /// <inheritdoc/>
    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer)
    {
        if (value is null)
        {
            emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, "null", ScalarStyle.Plain, true, false));
            return;
        }
        try
        {
            YamlModelWriter.Write(emitter, value, new DocumentPath(), _limits, other => serializer(other, other.GetType()));
        }
        catch (DocumentException e)
        {
            throw YamlMapFormat.ToNative(e);
        }
    }

    // Made once per closed map type, then called directly: no reflection per map read.
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Closed over map types the caller already deserializes through YamlDotNet's reflection-based deserializer.")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2055", Justification = "TypedMap<,> is kept by the reference below.")]
    private static ITypedMap TypedMapFor(Type mapType) => TypedMaps.GetOrAdd(mapType,
        static t => (ITypedMap)Activator.CreateInstance(typeof(TypedMap<,>).MakeGenericType(t.GetGenericArguments()))!);

    private interface ITypedMap
    {
        object Read(IParser parser, ObjectDeserializer rootDeserializer, DocumentLimits limits);
    }

    private sealed class TypedMap<TKey, TValue> : ITypedMap where TKey : notnull
    {
        public object Read(IParser parser, ObjectDeserializer rootDeserializer, DocumentLimits limits)
        {
            var path = new DocumentPath();
            var start = parser.Consume<MappingStart>();
            limits.EnterCollection(path, Position(start.Start));
            var entries = new DocumentMapBuilder<TKey, TValue>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = parser.Consume<Scalar>();
                var position = Position(keyEvent.Start);
                TKey key = typeof(TKey) == typeof(string)
                    ? (TKey)(object)ModelText.CheckString(keyEvent.Value, path, position)
                    : ModelConversions.Convert<TKey>(YamlScalarResolver.ResolvePlain(keyEvent.Value, path, position).Value, path, position);
                path.PushKey(key);
                var value = (TValue)rootDeserializer(typeof(TValue))!;
                path.Pop();
                entries.Add(key, value, position);
            }
            return entries.ToImmutable(path);
        }

        private static DocumentPosition Position(Mark mark) => DocumentPosition.AtLine(mark.Line, mark.Column);
    }
}
