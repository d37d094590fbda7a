using global::MessagePack;
using global::MessagePack.Formatters;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization.MessagePack;

/// <summary>
/// The MessagePack-CSharp formatter for one closed map type. A map of model values is written as its
/// canonical encoding; values of other types go through the resolver in the options. Reading accepts
/// any MessagePack, with a depth limit, strict UTF-8 and no duplicate keys.
/// </summary>
/// <typeparam name="TKey">String or an integer type.</typeparam>
/// <typeparam name="TValue">Any type the options' resolver handles; <c>object</c> means model values.</typeparam>
public sealed class ImmutableMapFormatter<TKey, TValue> : IMessagePackFormatter<ImmutableMap<TKey, TValue>?>
    where TKey : notnull
{
    /// <inheritdoc/>
    public void Serialize(ref MessagePackWriter writer, ImmutableMap<TKey, TValue>? value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        byte[]? canonical = ValuesMayBeModel ? TryCanonical(value) : null;
        if (canonical is not null)
        {
            writer.WriteRaw(canonical);
            return;
        }
        // Values outside the model (user types): keys stay canonical, values go through the resolver.
        var formatter = options.Resolver.GetFormatterWithVerify<TValue>();
        writer.WriteMapHeader(value.Count);
        foreach (var (key, item) in value)
        {
            writer.WriteRaw(Canonical(key));
            formatter.Serialize(ref writer, item, options);
        }
    }

    /// <inheritdoc/>
    public ImmutableMap<TKey, TValue>? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil()) return null;
        options.Security.DepthStep(ref reader);
        var path = new DocumentPath();
        try
        {
            long start = reader.Consumed;
            if (reader.NextMessagePackType != MessagePackType.Map) throw new DocumentError("expected a map", "", byteOffset: start);
            int count = reader.ReadMapHeader();
            if ((long)count * 2 > reader.Sequence.Length - reader.Consumed)
                throw new DocumentError($"a header claims {count} entries but fewer bytes remain", "", byteOffset: start);
            var builder = ImmutableMap.CreateBuilder<TKey, TValue>();
            var formatter = typeof(TValue) == typeof(object) ? null : options.Resolver.GetFormatterWithVerify<TValue>();
            for (int i = 0; i < count; i++)
            {
                long keyOffset = reader.Consumed;
                object rawKey = MessagePackModelReader.ReadValue(ref reader, path, MapReaderOptions.Default.MaxDepth)
                    ?? throw new DocumentError("a map key is nil", path.ToString(), byteOffset: keyOffset);
                TKey key = ConvertKey(rawKey, path, keyOffset);
                path.PushKey(rawKey);
                if (builder.ContainsKey(key)) throw new DocumentError($"the key {ModelValue.Format(rawKey)} appears more than once", path.ToString(), byteOffset: keyOffset);
                TValue item = formatter is null
                    ? (TValue)MessagePackModelReader.ReadValue(ref reader, path, MapReaderOptions.Default.MaxDepth)!
                    : formatter.Deserialize(ref reader, options);
                builder.Add(key, item);
                path.Pop();
            }
            return builder.ToImmutable();
        }
        catch (DocumentError e)
        {
            throw MessagePackMapFormat.ToNative(e);
        }
        finally
        {
            reader.Depth--;
        }
    }

    // Values of a user type never have a canonical encoding: go straight to the resolver instead of
    // trying the canonical writer and catching its refusal on every call.
    private static readonly bool ValuesMayBeModel = IsModelType(typeof(TValue));

    private static bool IsModelType(Type type) =>
        type == typeof(object) || type == typeof(string) || type == typeof(bool) || type == typeof(double) || type == typeof(float) || type == typeof(Half)
        || (type.IsPrimitive && type != typeof(char) && type != typeof(IntPtr) && type != typeof(UIntPtr))
        || (type.IsGenericType && type.GetGenericTypeDefinition() is var d
            && (d == typeof(System.Collections.Immutable.ImmutableArray<>) || d == typeof(System.Collections.Immutable.ImmutableList<>) || d == typeof(ImmutableMap<,>)));

    private static byte[]? TryCanonical(ImmutableMap<TKey, TValue> value)
    {
        try
        {
            return CanonicalEncoding.ToArray(value);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private static byte[] Canonical(TKey key)
    {
        try
        {
            return CanonicalEncoding.ToArray(key);
        }
        catch (NotSupportedException e)
        {
            throw new MessagePackSerializationException(e.Message, e);
        }
    }

    private static TKey ConvertKey(object key, DocumentPath path, long offset)
    {
        if (key is TKey typed) return typed;
        if (typeof(TKey) != typeof(string) && ModelValue.TryGetInteger(key, out var integer))
        {
            try
            {
                return (TKey)Convert.ChangeType(integer >= 0 ? (object)(ulong)integer : (long)integer, typeof(TKey), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (OverflowException)
            {
                // fall through to the error below
            }
        }
        throw new DocumentError($"the key {ModelValue.Format(key)} is not a {typeof(TKey).Name}", path.ToString(), byteOffset: offset);
    }
}
