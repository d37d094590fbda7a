using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using global::MessagePack;
using Xmmutablemap.Documents;

namespace Xmmutablemap.Serialization.MessagePack;

/// <summary>
/// Reads any MessagePack (canonical or not: wide integer forms, float32, unsorted keys) into model values,
/// through the model rules of <see cref="Xmmutablemap.Documents"/>, with the checks MessagePack-CSharp 2.5
/// leaves out: a depth limit, strict UTF-8, no ext types, no duplicate keys, and collection headers that
/// cannot claim more items than the bytes left could hold.
/// </summary>
internal static class MessagePackModelReader
{
    public static ImmutableMap<string, object?> ReadDocument(ReadOnlyMemory<byte> bytes, DocumentLimits limits)
    {
        var reader = new MessagePackReader(bytes);
        var path = new DocumentPath();
        if (reader.End) throw new DocumentException("the input is empty", "", DocumentPosition.AtByte(0));
        if (reader.NextMessagePackType != MessagePackType.Map)
            throw new DocumentException($"the top level must be a map, not {Describe(reader.NextMessagePackType)}", "", DocumentPosition.AtByte(0));
        var value = ReadValue(ref reader, path, limits);
        if (value is not ImmutableMap<string, object?> map) throw new DocumentException("the top level must be a map with string keys", "", DocumentPosition.AtByte(0));
        if (!reader.End) throw new DocumentException("there is more data after the document", "", DocumentPosition.AtByte(reader.Consumed));
        return map;
    }

    public static object? ReadValue(ref MessagePackReader reader, DocumentPath path, DocumentLimits limits)
    {
        long offset = reader.Consumed;
        try
        {
            return ReadValueCore(ref reader, path, limits);
        }
        catch (EndOfStreamException e)
        {
            throw new DocumentException("the input ends in the middle of a value", path.ToString(), DocumentPosition.AtByte(offset), e);
        }
        catch (ArgumentOutOfRangeException e)
        {
            // MessagePack-CSharp slices past the end when a string or bin header claims more bytes than remain.
            throw new DocumentException("the input ends in the middle of a value", path.ToString(), DocumentPosition.AtByte(offset), e);
        }
        catch (MessagePackSerializationException e)
        {
            throw new DocumentException(e.Message, path.ToString(), DocumentPosition.AtByte(offset), e);
        }
    }

    // The hot path, once per value, stays small: collections and every error are in methods of their own, so
    // that this frame neither grows nor zeroes their locals (a string handler, a map builder's positions) on
    // every scalar. Inlined, they made each call zero 432 bytes of stack.
    private static object? ReadValueCore(ref MessagePackReader reader, DocumentPath path, DocumentLimits limits)
    {
        if (reader.End) throw EndedBeforeValue(ref reader, path);
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.Boolean:
                return ModelNumbers.Bool(reader.ReadBoolean());
            case MessagePackType.Integer:
                return reader.NextCode == MessagePackCode.UInt64 ? ModelNumbers.Integer(reader.ReadUInt64()) : ModelNumbers.Integer(reader.ReadInt64());
            case MessagePackType.Float:
                // float32 widens exactly to the model's binary64.
                return reader.NextCode == MessagePackCode.Float32 ? (double)reader.ReadSingle() : reader.ReadDouble();
            case MessagePackType.String:
                return ReadString(ref reader, path, DocumentPosition.AtByte(reader.Consumed));
            case MessagePackType.Map:
                return ReadMap(ref reader, path, limits);
            case MessagePackType.Array:
                return ReadArray(ref reader, path, limits);
            default:
                return ReadOther(ref reader, path);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DocumentException EndedBeforeValue(ref MessagePackReader reader, DocumentPath path) =>
        new("the input ends where a value should start", path.ToString(), DocumentPosition.AtByte(reader.Consumed));

    // Binary values, and what is not a model value.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static object? ReadOther(ref MessagePackReader reader, DocumentPath path)
    {
        var at = DocumentPosition.AtByte(reader.Consumed);
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Binary:
            {
                var sequence = reader.ReadBytes() ?? throw new DocumentException("a byte string is nil", path.ToString(), at);
                return ImmutableArray.Create(sequence.ToArray());
            }
            case MessagePackType.Extension:
                throw new DocumentException("MessagePack ext types are not part of the data model", path.ToString(), at);
            default:
                throw new DocumentException($"the byte 0x{reader.NextCode:x2} does not start a MessagePack value", path.ToString(), at);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static object ReadArray(ref MessagePackReader reader, DocumentPath path, DocumentLimits limits)
    {
        var at = DocumentPosition.AtByte(reader.Consumed);
        limits.EnterCollection(path, at);
        RuntimeHelpers.EnsureSufficientExecutionStack();
        int count = reader.ReadArrayHeader();
        CheckCount(ref reader, count, 1, path, at);
        var items = new object?[count];
        path.PushIndex(0);
        for (int i = 0; i < count; i++)
        {
            path.SetIndex(i);
            items[i] = ReadValueCore(ref reader, path, limits);
        }
        path.Pop();
        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(items);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static object ReadMap(ref MessagePackReader reader, DocumentPath path, DocumentLimits limits)
    {
        var at = DocumentPosition.AtByte(reader.Consumed);
        limits.EnterCollection(path, at);
        RuntimeHelpers.EnsureSufficientExecutionStack();
        int count = reader.ReadMapHeader();
        CheckCount(ref reader, count, 2, path, at);
        var map = DocumentMapBuilder.Rent();
        for (int i = 0; i < count; i++)
        {
            var keyAt = DocumentPosition.AtByte(reader.Consumed);
            var keyType = reader.NextMessagePackType;
            object key = keyType switch
            {
                MessagePackType.String => ReadString(ref reader, path, keyAt),
                MessagePackType.Integer => ReadValueCore(ref reader, path, limits)!,
                _ => throw BadKey(keyType, path, keyAt),
            };
            path.PushKey(key);
            var value = ReadValueCore(ref reader, path, limits);
            path.Pop();
            map.Add(key, value, path, keyAt);
        }
        return map.ToMap(path);
    }

    private static DocumentException BadKey(MessagePackType keyType, DocumentPath path, DocumentPosition at) =>
        new($"a map key must be a string or an integer, not {Describe(keyType)}", path.ToString(), at);

    private static string ReadString(ref MessagePackReader reader, DocumentPath path, DocumentPosition at)
    {
        // Strings are nearly always held in one segment: decode them in place.
        if (reader.TryReadStringSpan(out var span)) return ModelText.DecodeUtf8(span, path, at);
        var sequence = reader.ReadStringSequence() ?? throw new DocumentException("a string is nil", path.ToString(), at);
        return ModelText.DecodeUtf8(sequence.ToArray(), path, at);
    }

    // Every element takes at least one byte: a header that claims more than the rest of the input
    // could hold is a lie, refused before anything is allocated for it.
    private static void CheckCount(ref MessagePackReader reader, int count, int minBytesEach, DocumentPath path, DocumentPosition at)
    {
        long remaining = reader.Sequence.Length - reader.Consumed;
        if (count < 0 || (long)count * minBytesEach > remaining)
            throw new DocumentException($"a header claims {count} items but only {remaining} bytes remain", path.ToString(), at);
    }

    private static string Describe(MessagePackType type) => type switch
    {
        MessagePackType.Array => "an array",
        MessagePackType.Map => "a map",
        MessagePackType.Nil => "nil",
        MessagePackType.Extension => "an ext value",
        _ => "a " + type.ToString().ToLowerInvariant(),
    };
}
