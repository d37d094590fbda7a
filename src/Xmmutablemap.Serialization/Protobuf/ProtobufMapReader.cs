using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Xmmutablemap.Documents;

namespace Xmmutablemap.Serialization.Protobuf;

/// <summary>
/// Reads the wire schema of <c>schemas/xmmutablemap.proto</c> (Map, Entry, List, Value) straight from the
/// bytes, so that every length is checked against what remains before anything is read, nesting is
/// bounded, and duplicate keys (last-wins in plain protobuf), missing or doubled oneof members and
/// invalid UTF-8 are errors, through the model rules of <see cref="Xmmutablemap.Documents"/>. Unknown fields are
/// skipped, as protobuf readers do.
/// </summary>
internal sealed class ProtobufMapReader
{
    private const int Varint = 0, Fixed64 = 1, Len = 2, Fixed32 = 5;

    // The input as an array and where it starts in it: ReadOnlyMemory<byte>.Span re-derives the span (checking
    // what backs the memory) on every call, and a varint is read several times per value.
    private readonly byte[] _bytes;
    private readonly int _start;
    private readonly DocumentLimits _limits;
    private readonly DocumentPath _path;
    private readonly long _baseOffset;
    private int _position;

    private ProtobufMapReader(ReadOnlyMemory<byte> data, DocumentLimits limits, DocumentPath? path = null, long baseOffset = 0)
    {
        if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data, out ArraySegment<byte> segment))
        {
            _bytes = segment.Array!;
            _start = segment.Offset;
        }
        else
        {
            _bytes = data.ToArray(); // memory not backed by an array (a MemoryManager): read from one copy
            _start = 0;
        }
        _limits = limits;
        _path = path ?? new DocumentPath();
        _baseOffset = baseOffset;
    }

    /// <summary>Reads a whole Map message.</summary>
    public static ImmutableMap<string, object?> ReadDocument(ReadOnlyMemory<byte> data, DocumentLimits limits)
    {
        var reader = new ProtobufMapReader(data, limits);
        var map = reader.ReadMapBody(data.Length);
        return map as ImmutableMap<string, object?> ?? throw new DocumentException("the top level must be a map with string keys", "", DocumentPosition.AtByte(0));
    }

    /// <summary>Reads the body of one Entry (as protobuf-net hands it over) into <paramref name="map"/>;
    /// <paramref name="offset"/> is where the entry starts in the whole message, for error positions.</summary>
    public static void ReadEntryInto(ReadOnlyMemory<byte> entry, DocumentMapBuilder map, DocumentPath path, DocumentLimits limits, long offset)
    {
        var reader = new ProtobufMapReader(entry, limits, path, offset);
        reader.ReadEntry(entry.Length, map);
    }

    private object ReadMapBody(int end)
    {
        _limits.EnterCollection(_path, Here());
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var map = DocumentMapBuilder.Rent();
        while (_position < end)
        {
            var (field, wire) = ReadTag(end);
            if (field == 1 && wire == Len)
            {
                int entryEnd = ReadLength(end);
                ReadEntry(entryEnd, map);
            }
            else
            {
                Skip(field, wire, end, knownField: field == 1);
            }
        }
        return map.ToMap(_path);
    }

    private void ReadEntry(int end, DocumentMapBuilder map)
    {
        int start = _position;
        object? key = null;
        bool hasValue = false;
        object? value = null;
        while (_position < end)
        {
            var (field, wire) = ReadTag(end);
            switch (field)
            {
                case 1 or 2 or 3:
                    if (key is not null) throw Error("an Entry sets more than one key");
                    key = field switch
                    {
                        1 => ReadStringField(wire, "string_key", end),
                        2 => ZigZag(ReadVarintField(wire, "int_key", end)),
                        _ => UnsignedKey(ReadVarintField(wire, "uint_key", end)),
                    };
                    break;
                case 4:
                    if (hasValue) throw Error("an Entry sets its value more than once");
                    if (key is null) throw Error("an Entry's value comes before its key");
                    Expect(wire, Len, "value");
                    int valueEnd = ReadLength(end);
                    _path.PushKey(key);
                    value = ReadValue(valueEnd);
                    _path.Pop();
                    hasValue = true;
                    break;
                default:
                    Skip(field, wire, end, knownField: false);
                    break;
            }
        }
        if (key is null) throw Error("an Entry has no key", start);
        if (!hasValue)
        {
            _path.PushKey(key);
            throw Error("an Entry has no value", start);
        }
        map.Add(key, value, _path, Here(start));
    }

    private object? ReadValue(int end)
    {
        int start = _position;
        int kinds = 0;
        object? value = null;
        while (_position < end)
        {
            var (field, wire) = ReadTag(end);
            if (field is >= 1 and <= 9) kinds++;
            if (kinds > 1) throw Error("a Value sets more than one kind", start);
            switch (field)
            {
                case 1:
                    if (ReadVarintField(wire, "null_value", end) != 0) throw Error("null_value must be NULL_VALUE (0)");
                    value = null;
                    break;
                case 2: value = ModelNumbers.Bool(ReadVarintField(wire, "bool_value", end) != 0); break;
                case 3: value = ModelNumbers.Integer(ZigZag(ReadVarintField(wire, "int_value", end))); break;
                case 4:
                    value = ModelNumbers.Integer(ReadVarintField(wire, "uint_value", end));
                    break;
                case 5:
                    Expect(wire, Fixed64, "float_value");
                    Need(8, end);
                    value = BinaryPrimitives.ReadDoubleLittleEndian(Data(_position, 8));
                    _position += 8;
                    break;
                case 6: value = ReadStringField(wire, "string_value", end); break;
                case 7:
                    Expect(wire, Len, "bytes_value");
                    int bytesEnd = ReadLength(end);
                    value = ImmutableArray.Create(Data(_position, bytesEnd - _position).ToArray());
                    _position = bytesEnd;
                    break;
                case 8:
                    Expect(wire, Len, "list_value");
                    value = ReadList(ReadLength(end));
                    break;
                case 9:
                    Expect(wire, Len, "map_value");
                    value = ReadMapBody(ReadLength(end));
                    break;
                default:
                    Skip(field, wire, end, knownField: false);
                    break;
            }
        }
        if (kinds == 0) throw Error("a Value sets no kind", start);
        return value;
    }

    private ImmutableArray<object?> ReadList(int end)
    {
        _limits.EnterCollection(_path, Here());
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var items = DocumentListBuilder.Rent();
        _path.PushIndex(0);
        while (_position < end)
        {
            var (field, wire) = ReadTag(end);
            if (field == 1 && wire == Len)
            {
                _path.SetIndex(items.Count);
                int valueEnd = ReadLength(end);
                items.Add(ReadValue(valueEnd));
            }
            else
            {
                Skip(field, wire, end, knownField: field == 1);
            }
        }
        _path.Pop();
        return items.ToImmutable();
    }

    private (int Field, int Wire) ReadTag(int end)
    {
        int start = _position;
        ulong tag = ReadVarint(end);
        // A tag is a 32-bit varint: at most 5 bytes. A longer, zero-padded one (88 88 88 88 88 00) is refused, as
        // protobuf-net refuses it, so the format and its library's own API agree on what is a message.
        if (_position - start > 5) throw TagTooLong(start);
        ulong field = tag >> 3;
        if (field == 0 || field > 536_870_911) throw BadFieldNumber(field);
        return ((int)field, (int)(tag & 7));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private DocumentException TagTooLong(int at) => Error("a field tag is longer than 5 bytes", at);

    private void Expect(int wire, int expected, string name)
    {
        if (wire != expected) throw WrongWireType(wire, expected, name);
    }

    // The messages are built out of line: an interpolated string inlined into a hot method gives it a
    // larger stack frame, zeroed on every call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private DocumentException BadFieldNumber(ulong field) => Error($"the field number {field} is not valid");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private DocumentException WrongWireType(int wire, int expected, string name) => Error($"the field {name} has wire type {wire}, not {expected}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private DocumentException LengthPastEnd(ulong length, int remaining, int at) =>
        Error($"a length of {length} bytes runs past the end of its message ({remaining} bytes remain)", at);

    private ulong ReadVarintField(int wire, string name, int end)
    {
        Expect(wire, Varint, name);
        return ReadVarint(end);
    }

    private string ReadStringField(int wire, string name, int end)
    {
        Expect(wire, Len, name);
        return ReadString(end);
    }

    /// <summary>A varint; one byte (tags, short lengths, small numbers: nearly all of them) inline.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong ReadVarint(int end)
    {
        int at = _position;
        if (at < end)
        {
            byte first = _bytes[_start + at];
            if (first < 0x80)
            {
                _position = at + 1;
                return first;
            }
        }
        return ReadLongerVarint(end);
    }

    private ulong ReadLongerVarint(int end)
    {
        var span = Data(0, end);
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (_position >= end) throw Error("the input ends in the middle of a number");
            byte b = span[_position++];
            if (shift == 63 && b > 1) throw Error("a varint does not fit in 64 bits");
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw Error("a varint is longer than 10 bytes");
    }

    private ReadOnlySpan<byte> Data(int at, int length) => new(_bytes, _start + at, length);

    /// <summary>Reads a length and returns where the delimited bytes end, refusing a length larger than what remains.</summary>
    private int ReadLength(int end)
    {
        int at = _position;
        ulong length = ReadVarint(end);
        if (length > (ulong)(end - _position)) throw LengthPastEnd(length, end - _position, at);
        return _position + (int)length;
    }

    private string ReadString(int end)
    {
        int at = _position;
        int stringEnd = ReadLength(end);
        string text = ModelText.DecodeUtf8(Data(_position, stringEnd - _position), _path, Here(at));
        _position = stringEnd;
        return text;
    }

    private void Skip(int field, int wire, int end, bool knownField)
    {
        if (knownField) throw Error($"the field {field} has the wrong wire type {wire}");
        switch (wire)
        {
            case Varint: ReadVarint(end); break;
            case Fixed64: Need(8, end); _position += 8; break;
            case Len: _position = ReadLength(end); break;
            case Fixed32: Need(4, end); _position += 4; break;
            default: throw Error($"the wire type {wire} (groups) is not supported");
        }
    }

    private void Need(int count, int end)
    {
        if (end - _position < count) throw Error("the input ends in the middle of a value");
    }

    private static long ZigZag(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);

    private static object UnsignedKey(ulong n) => ModelNumbers.Integer(n);

    private DocumentPosition Here(int? at = null) => DocumentPosition.AtByte(_baseOffset + (at ?? _position));

    private DocumentException Error(string reason, int? at = null) => new(reason, _path.ToString(), Here(at));
}
