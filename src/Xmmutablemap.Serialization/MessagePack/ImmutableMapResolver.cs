using global::MessagePack;
using global::MessagePack.Formatters;
using global::MessagePack.Resolvers;

namespace Xmmutablemap.Serialization.MessagePack;

/// <summary>
/// A MessagePack-CSharp resolver that supplies <see cref="ImmutableMapFormatter{TKey, TValue}"/> for every
/// <see cref="ImmutableMap{TKey, TValue}"/>; put it before the standard resolver.
/// </summary>
/// <example>
/// <code>
/// byte[] bytes = MessagePackSerializer.Serialize(config, ImmutableMapResolver.Options);
/// // bytes is exactly config.ToCanonicalBytes()
/// var back = MessagePackSerializer.Deserialize&lt;ImmutableMap&lt;string, object?&gt;&gt;(bytes, ImmutableMapResolver.Options);
/// </code>
/// </example>
public sealed class ImmutableMapResolver : IFormatterResolver
{
    /// <summary>The shared instance.</summary>
    public static ImmutableMapResolver Instance { get; } = new();

    /// <summary>Standard options with this resolver first and the untrusted-data security settings.</summary>
    public static MessagePackSerializerOptions Options { get; } = MessagePackSerializerOptions.Standard
        .WithResolver(CompositeResolver.Create(Instance, StandardResolver.Instance))
        .WithSecurity(MessagePackSecurity.UntrustedData);

    private ImmutableMapResolver()
    {
    }

    /// <inheritdoc/>
    public IMessagePackFormatter<T>? GetFormatter<T>() => Cache<T>.Formatter;

    private static class Cache<T>
    {
        public static readonly IMessagePackFormatter<T>? Formatter = Create();

        [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Closed over map types the caller already uses.")]
        private static IMessagePackFormatter<T>? Create()
        {
            var type = typeof(T);
            // The model map, the common case, needs no reflection (and so works under native AOT as it is).
            if (type == typeof(ImmutableMap<string, object?>)) return (IMessagePackFormatter<T>)(object)new ImmutableMapFormatter<string, object?>();
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(ImmutableMap<,>)) return null;
            return (IMessagePackFormatter<T>)Activator.CreateInstance(typeof(ImmutableMapFormatter<,>).MakeGenericType(type.GetGenericArguments()))!;
        }
    }
}
