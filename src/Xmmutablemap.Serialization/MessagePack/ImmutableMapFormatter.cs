using global::MessagePack;
using global::MessagePack.Formatters;
using Xmmutablemap.Documents;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization.MessagePack;

/// <summary>
/// The MessagePack-CSharp formatter for one closed map type. A map of model values is written as its
/// canonical encoding; values of other types go through the resolver in the options. Reading accepts
/// any MessagePack under the model rules, with strict UTF-8, no duplicate keys, and the depth limit of the
/// options' <see cref="MessagePackSecurity.MaximumObjectGraphDepth"/> (the one depth counter, shared with the
/// rest of the object graph).
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
        var limits = Limits(options, 0);
        try
        {
            if (ValuesMayBeModel && TryCanonical(value, limits) is { } canonical)
            {
                writer.WriteRaw(canonical.WrittenSpan);
                ScratchBuffer.Return(canonical);
                return;
            }
            // Values outside the model (user types): keys stay canonical, values go through the resolver.
            var formatter = options.Resolver.GetFormatterWithVerify<TValue>();
            writer.WriteMapHeader(value.Count);
            foreach (var (key, item) in value)
            {
                writer.WriteRaw(CanonicalEncoding.ToArray(key, limits));
                formatter.Serialize(ref writer, item, options);
            }
        }
        catch (Exception e) when (e is DocumentException or ModelValueException)
        {
            throw new MessagePackSerializationException(e.Message, e);
        }
    }

    /// <inheritdoc/>
    public ImmutableMap<TKey, TValue>? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil()) return null;
        var path = new DocumentPath();
        var limits = Limits(options, reader.Depth);
        try
        {
            if (typeof(TKey) == typeof(string) && typeof(TValue) == typeof(object))
            {
                return MessagePackModelReader.ReadValue(ref reader, path, limits) as ImmutableMap<TKey, TValue>
                    ?? throw new DocumentException("expected a map with string keys", "");
            }
            var start = DocumentPosition.AtByte(reader.Consumed);
            if (reader.NextMessagePackType != MessagePackType.Map) throw new DocumentException("expected a map", "", start);
            limits.EnterCollection(path, start);
            int count = reader.ReadMapHeader();
            if ((long)count * 2 > reader.Sequence.Length - reader.Consumed)
                throw new DocumentException($"a header claims {count} entries but fewer bytes remain", "", start);
            var entries = new DocumentMapBuilder<TKey, TValue>();
            var formatter = typeof(TValue) == typeof(object) ? null : options.Resolver.GetFormatterWithVerify<TValue>();
            options.Security.DepthStep(ref reader);
            try
            {
                for (int i = 0; i < count; i++)
                {
                    var keyAt = DocumentPosition.AtByte(reader.Consumed);
                    object rawKey = MessagePackModelReader.ReadValue(ref reader, path, limits)
                        ?? throw new DocumentException("a map key is nil", path.ToString(), keyAt);
                    TKey key = ModelConversions.Convert<TKey>(rawKey, path, keyAt);
                    path.PushKey(rawKey);
                    TValue item = formatter is null
                        ? (TValue)MessagePackModelReader.ReadValue(ref reader, path, limits)!
                        : formatter.Deserialize(ref reader, options);
                    path.Pop();
                    entries.Add(key, item, keyAt);
                }
            }
            finally
            {
                reader.Depth--;
            }
            return entries.ToImmutable(path);
        }
        catch (DocumentException e)
        {
            throw MessagePackMapFormat.ToNative(e);
        }
        catch (InsufficientExecutionStackException e)
        {
            throw new MessagePackSerializationException("the document nests too deep for this thread's stack", e);
        }
    }

    // The depth left under the options' limit, counting the levels already entered around this map.
    private static DocumentLimits Limits(MessagePackSerializerOptions options, int depth)
    {
        int max = options.Security.MaximumObjectGraphDepth;
        return new DocumentLimits { MaxDepth = max == int.MaxValue ? int.MaxValue : Math.Max(1, max - depth) };
    }

    // Values of a user type never have a canonical encoding: go straight to the resolver instead of
    // trying the canonical writer and catching its refusal on every call.
    private static readonly bool ValuesMayBeModel = IsModelType(typeof(TValue));

    private static bool IsModelType(Type type) =>
        type == typeof(object) || type == typeof(string) || type == typeof(bool) || type == typeof(double) || type == typeof(float) || type == typeof(Half)
        || (type.IsPrimitive && type != typeof(char) && type != typeof(IntPtr) && type != typeof(UIntPtr))
        || (type.IsGenericType && type.GetGenericTypeDefinition() is var d
            && (d == typeof(System.Collections.Immutable.ImmutableArray<>) || d == typeof(System.Collections.Immutable.ImmutableList<>) || d == typeof(ImmutableMap<,>)));

    /// <summary>The canonical encoding in this thread's scratch buffer (which the caller returns), or null.</summary>
    private static System.Buffers.ArrayBufferWriter<byte>? TryCanonical(ImmutableMap<TKey, TValue> value, DocumentLimits limits)
    {
        var scratch = ScratchBuffer.Take();
        try
        {
            CanonicalEncoding.Write(scratch, value, limits);
            return scratch;
        }
        catch (ModelValueException)
        {
            ScratchBuffer.Return(scratch);
            return null; // a user type inside object values: the resolver writes it
        }
    }
}
