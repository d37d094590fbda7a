using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Xmmutablemap.Serialization.Json;

namespace Xmmutablemap.Serialization.Composition;

/// <summary>
/// Binds a config to a typed record or class and back, through System.Text.Json's contracts (records,
/// <c>required</c> members, constructors, naming policies, source-generated <see cref="JsonTypeInfo{T}"/> for AOT).
/// Strict by default: an unknown key, a missing required member or constructor parameter, a null for a
/// non-nullable member and a value of the wrong kind (a float for an <c>int</c>) are errors naming the path.
/// Turning an object back into a map keeps a <c>double</c> a float even when it is integral.
/// </summary>
/// <example>
/// <code>
/// public sealed record Optimizer(string Name, double Lr);
/// public sealed record TrainConfig(int Epochs, Optimizer Optimizer);
///
/// var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
/// TrainConfig train = ConfigBinder.Bind&lt;TrainConfig&gt;(config, options);
/// ImmutableMap&lt;string, object?&gt; back = ConfigBinder.ToMap(train, options);   // same content hash when the type covers every key
/// </code>
/// </example>
public static class ConfigBinder
{
    /// <summary>Binds <paramref name="map"/> to <typeparamref name="T"/> with reflection-based System.Text.Json, made strict.</summary>
    /// <exception cref="ConfigBindingException">The map does not bind; the message names the path.</exception>
    [RequiresUnreferencedCode("Reflection-based System.Text.Json; use the JsonTypeInfo<T> overload under trimming and AOT.")]
    [RequiresDynamicCode("Reflection-based System.Text.Json; use the JsonTypeInfo<T> overload under trimming and AOT.")]
    public static T Bind<T>(ImmutableMap<string, object?> map, JsonSerializerOptions? options = null)
    {
        var strict = Strict(options);
        return Bind(map, (JsonTypeInfo<T>)strict.GetTypeInfo(typeof(T)));
    }

    /// <summary>Binds <paramref name="map"/> to <typeparamref name="T"/> through a (source-generated) contract; its options
    /// decide strictness (set <c>UnmappedMemberHandling</c>, <c>RespectRequiredConstructorParameters</c> and
    /// <c>RespectNullableAnnotations</c> in <c>JsonSourceGenerationOptions</c> for the strict default).</summary>
    /// <exception cref="ConfigBindingException">The map does not bind; the message names the path.</exception>
    public static T Bind<T>(ImmutableMap<string, object?> map, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(typeInfo);
        byte[] json;
        try
        {
            json = JsonMapFormat.Instance.WriteToArray(map);
        }
        catch (MapFormatException e)
        {
            throw new ConfigBindingException(e.DocumentPath, e.Reason, e);
        }
        try
        {
            return JsonSerializer.Deserialize(json, typeInfo) ?? throw new ConfigBindingException("", $"the config binds to null, not a {typeof(T).Name}");
        }
        catch (JsonException e)
        {
            throw new ConfigBindingException(ToModelPath(e.Path), FirstSentence(e.Message), e);
        }
    }

    /// <summary>Turns <paramref name="value"/> back into a config with reflection-based System.Text.Json.</summary>
    /// <exception cref="ConfigBindingException">A member holds a value the model cannot carry (NaN, infinity).</exception>
    [RequiresUnreferencedCode("Reflection-based System.Text.Json; use the JsonTypeInfo<T> overload under trimming and AOT.")]
    [RequiresDynamicCode("Reflection-based System.Text.Json; use the JsonTypeInfo<T> overload under trimming and AOT.")]
    public static ImmutableMap<string, object?> ToMap<T>(T value, JsonSerializerOptions? options = null)
    {
        var copy = options is null ? new JsonSerializerOptions() : new JsonSerializerOptions(options);
        copy.TypeInfoResolver ??= new DefaultJsonTypeInfoResolver();
        return ToMap(value, (JsonTypeInfo<T>)copy.GetTypeInfo(typeof(T)));
    }

    /// <summary>Turns <paramref name="value"/> back into a config through a (source-generated) contract; doubles stay floats.</summary>
    /// <exception cref="ConfigBindingException">A member holds a value the model cannot carry (NaN, infinity).</exception>
    public static ImmutableMap<string, object?> ToMap<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        // The same contract, with doubles written as the model's float text.
        var options = new JsonSerializerOptions(typeInfo.Options);
        options.Converters.Insert(0, new ModelFloatJsonConverter());
        var floats = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        byte[] json;
        try
        {
            json = JsonSerializer.SerializeToUtf8Bytes(value, floats);
        }
        catch (JsonException e)
        {
            throw new ConfigBindingException(ToModelPath(e.Path), FirstSentence(e.Message), e);
        }
        return JsonMapFormat.Instance.Read(json);
    }

    private static JsonSerializerOptions Strict(JsonSerializerOptions? options)
    {
        var strict = options is null ? new JsonSerializerOptions() : new JsonSerializerOptions(options);
        strict.TypeInfoResolver ??= new DefaultJsonTypeInfoResolver();
        strict.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        strict.RespectRequiredConstructorParameters = true;
        strict.RespectNullableAnnotations = true;
        return strict;
    }

    // "$.optimizer.lr" -> "optimizer.lr"; "$['a.b']" -> a["a.b"]
    private static string ToModelPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$") return ModelPath.Root;
        string path = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return ModelPath.TryParse(path, out var segments, out _) ? ModelPath.Format(segments) : path;
    }

    private static string FirstSentence(string message)
    {
        int path = message.IndexOf(" Path: ", StringComparison.Ordinal);
        string text = path < 0 ? message : message[..path];
        return text.TrimEnd('.', ' ');
    }
}
