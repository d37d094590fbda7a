using System.Buffers;
using System.Collections.Immutable;
using global::MessagePack;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization.MessagePack;

/// <summary>
/// Reads any MessagePack (canonical or not: wide integer forms, float32, unsorted keys) into model values,
/// with the checks MessagePack-CSharp 2.5 leaves out: a depth limit, strict UTF-8, no ext types, no
/// duplicate keys, and collection headers that cannot claim more items than the bytes left could hold.
/// </summary>
internal static class MessagePackModelReader
{
    public static ImmutableMap<string, object?> ReadDocument(ReadOnlyMemory<byte> bytes, MapReaderOptions options)
    {
        var reader = new MessagePackReader(bytes);
        var path = new DocumentPath();
        if (reader.End) throw new DocumentError("the input is empty", "", byteOffset: 0);
        if (reader.NextMessagePackType != MessagePackType.Map) throw new DocumentError($"the top level must be a map, not {Describe(reader.NextMessagePackType)}", "", byteOffset: 0);
        var value = ReadValue(ref reader, path, options.MaxDepth);
        if (value is not ImmutableMap<string, object?> map) throw new DocumentError("the top level must be a map with string keys", "", byteOffset: 0);
        if (!reader.End) throw new DocumentError("there is more data after the document", "", byteOffset: reader.Consumed);
        return map;
    }

    public static object? ReadValue(ref MessagePackReader reader, DocumentPath path, int maxDepth)
    {
        long offset = reader.Consumed;
        try
        {
            return ReadValueCore(ref reader, path, maxDepth);
        }
        catch (EndOfStreamException e)
        {
            throw new DocumentError("the input ends in the middle of a value", path.ToString(), byteOffset: offset, inner: e);
        }
        catch (ArgumentOutOfRangeException e)
        {
            // MessagePack-CSharp slices past the end when a string or bin header claims more bytes than remain.
            throw new DocumentError("the input ends in the middle of a value", path.ToString(), byteOffset: offset, inner: e);
        }
        catch (MessagePackSerializationException e)
        {
            throw new DocumentError(e.Message, path.ToString(), byteOffset: offset, inner: e);
        }
    }

    private static object? ReadValueCore(ref MessagePackReader reader, DocumentPath path, int maxDepth)
    {
        long offset = reader.Consumed;
        if (reader.End) throw new DocumentError("the input ends where a value should start", path.ToString(), byteOffset: offset);
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.Boolean:
                return Boxes.Bool(reader.ReadBoolean());
            case MessagePackType.Integer:
                if (reader.NextCode == MessagePackCode.UInt64)
                {
                    return Boxes.Unsigned(reader.ReadUInt64());
                }
                return Boxes.Integer(reader.ReadInt64());
            case MessagePackType.Float:
                // float32 widens exactly to the model's binary64.
                return reader.NextCode == MessagePackCode.Float32 ? (double)reader.ReadSingle() : reader.ReadDouble();
            case MessagePackType.String:
            {
                string? text;
                if (reader.TryReadStringSpan(out var span))
                {
                    text = UnicodeText.TryDecode(span);
                }
                else
                {
                    // The string spans segments of the input sequence.
                    var sequence = reader.ReadStringSequence() ?? throw new DocumentError("a string is nil", path.ToString(), byteOffset: offset);
                    text = UnicodeText.TryDecode(sequence.ToArray());
                }
                return text ?? throw new DocumentError("the string is not valid UTF-8", path.ToString(), byteOffset: offset);
            }
            case MessagePackType.Binary:
            {
                var sequence = reader.ReadBytes() ?? throw new DocumentError("a byte string is nil", path.ToString(), byteOffset: offset);
                return ImmutableArray.Create(sequence.ToArray());
            }
            case MessagePackType.Array:
            {
                if (path.Depth + 1 > maxDepth) throw new DocumentError($"nesting is deeper than the limit of {maxDepth}", path.ToString(), byteOffset: offset);
                int count = reader.ReadArrayHeader();
                CheckCount(ref reader, count, 1, path, offset);
                var items = new object?[count];
                path.PushIndex(0);
                for (int i = 0; i < count; i++)
                {
                    path.SetIndex(i);
                    items[i] = ReadValueCore(ref reader, path, maxDepth);
                }
                path.Pop();
                return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(items);
            }
            case MessagePackType.Map:
            {
                if (path.Depth + 1 > maxDepth) throw new DocumentError($"nesting is deeper than the limit of {maxDepth}", path.ToString(), byteOffset: offset);
                int count = reader.ReadMapHeader();
                CheckCount(ref reader, count, 2, path, offset);
                var map = Scratch.RentMap();
                for (int i = 0; i < count; i++)
                {
                    long keyOffset = reader.Consumed;
                    // Keys are nearly always short strings held in one segment: decode them directly.
                    var keyType = reader.NextMessagePackType;
                    object key = keyType == MessagePackType.String && reader.TryReadStringSpan(out var keySpan)
                        ? UnicodeText.TryDecode(keySpan) ?? throw new DocumentError("the string is not valid UTF-8", path.ToString(), byteOffset: keyOffset)
                        : keyType is MessagePackType.String or MessagePackType.Integer
                            ? ReadValueCore(ref reader, path, maxDepth)!
                            : throw new DocumentError($"a map key must be a string or an integer, not {Describe(keyType)}", path.ToString(), byteOffset: keyOffset);
                    path.PushKey(key);
                    var value = ReadValueCore(ref reader, path, maxDepth);
                    string? problem = map.TryAdd(key, value, keyOffset);
                    if (problem is not null) throw new DocumentError(problem, path.ToString(), byteOffset: keyOffset);
                    path.Pop();
                }
                var result = map.TryToMap(out var duplicate, out long duplicateOffset);
                Scratch.Return(map);
                if (result is not null) return result;
                path.PushKey(duplicate!);
                throw new DocumentError(ModelMapBuilder.DuplicateMessage(duplicate!), path.ToString(), byteOffset: duplicateOffset);
            }
            case MessagePackType.Extension:
                throw new DocumentError("MessagePack ext types are not part of the data model", path.ToString(), byteOffset: offset);
            default:
                throw new DocumentError($"the byte 0x{reader.NextCode:x2} does not start a MessagePack value", path.ToString(), byteOffset: offset);
        }
    }

    // Every element takes at least one byte: a header that claims more than the rest of the input
    // could hold is a lie, refused before anything is allocated for it.
    private static void CheckCount(ref MessagePackReader reader, int count, int minBytesEach, DocumentPath path, long offset)
    {
        long remaining = reader.Sequence.Length - reader.Consumed;
        if (count < 0 || (long)count * minBytesEach > remaining)
            throw new DocumentError($"a header claims {count} items but only {remaining} bytes remain", path.ToString(), byteOffset: offset);
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
