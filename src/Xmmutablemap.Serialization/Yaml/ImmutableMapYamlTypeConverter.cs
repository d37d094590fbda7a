using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization.Yaml;

/// <summary>
/// Lets YamlDotNet's serializer and deserializer handle any <see cref="ImmutableMap{TKey, TValue}"/>:
/// model values (<c>object</c>, <c>double</c>) with the same rules as <see cref="YamlMapFormat"/>,
/// other value types through YamlDotNet itself. Duplicate keys are a <see cref="YamlException"/>.
/// </summary>
/// <example>
/// <code>
/// var deserializer = new DeserializerBuilder().WithImmutableMaps().Build();
/// var job = deserializer.Deserialize&lt;Job&gt;(yaml);   // Job has an ImmutableMap&lt;string, object?&gt; property
/// </code>
/// </example>
public sealed class ImmutableMapYamlTypeConverter : IYamlTypeConverter
{
    /// <summary>A shared instance.</summary>
    public static ImmutableMapYamlTypeConverter Instance { get; } = new();

    /// <summary>True for every closed <c>ImmutableMap&lt;TKey, TValue&gt;</c>.</summary>
    public bool Accepts(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableMap<,>);

    /// <inheritdoc/>
    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
    {
        var arguments = type.GetGenericArguments();
        Type keyType = arguments[0], valueType = arguments[1];
        if (parser.Current is Scalar { Style: ScalarStyle.Plain } nil && YamlScalarResolver.ResolvePlain(nil.Value).Kind == YamlScalarResolver.Kind.Null)
        {
            parser.MoveNext();
            return null;
        }
        if (valueType == typeof(object) && keyType == typeof(string))
        {
            try
            {
                return new YamlModelReader(parser, MapReaderOptions.Default).ReadValueAtCurrent() as ImmutableMap<string, object?>
                    ?? throw new YamlException("Expected a mapping with string keys.");
            }
            catch (DocumentError e)
            {
                throw YamlMapFormat.ToNative(e);
            }
        }
        var start = parser.Consume<MappingStart>();
        var keys = new List<object>();
        var values = new List<object?>();
        var seen = new HashSet<object>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = parser.Consume<Scalar>();
            object key = ParseKey(keyEvent, keyType);
            if (!seen.Add(key)) throw new YamlException(keyEvent.Start, keyEvent.End, $"The key {ModelValue.Format(key)} appears more than once.");
            keys.Add(key);
            values.Add(rootDeserializer(valueType));
        }
        return Build(type, keys, values);
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
            YamlModelWriter.Write(emitter, value, new DocumentPath(), other => serializer(other, other.GetType()));
        }
        catch (DocumentError e)
        {
            throw YamlMapFormat.ToNative(e);
        }
    }

    private static object ParseKey(Scalar scalar, Type keyType)
    {
        if (keyType == typeof(string)) return scalar.Value;
        var (kind, value, _) = YamlScalarResolver.ResolvePlain(scalar.Value);
        if (kind == YamlScalarResolver.Kind.Integer && value is not null)
        {
            try
            {
                return Convert.ChangeType(value, keyType, CultureInfo.InvariantCulture);
            }
            catch (OverflowException)
            {
                // reported below
            }
        }
        throw new YamlException(scalar.Start, scalar.End, $"The key {ModelValue.Format(scalar.Value)} is not a {keyType.Name}.");
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Closed over map types the caller already uses.")]
    private static object Build(Type mapType, List<object> keys, List<object?> values)
    {
        var arguments = mapType.GetGenericArguments();
        var method = typeof(ImmutableMapYamlTypeConverter).GetMethod(nameof(BuildTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return method.MakeGenericMethod(arguments).Invoke(null, [keys, values])!;
    }

    private static ImmutableMap<TKey, TValue> BuildTyped<TKey, TValue>(List<object> keys, List<object?> values) where TKey : notnull
        => ImmutableMap.Unflatten(keys.Cast<TKey>(), values.Select(v => (TValue)v!));
}
