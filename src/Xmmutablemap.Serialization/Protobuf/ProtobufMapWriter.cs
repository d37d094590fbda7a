using System.Buffers.Binary;
using System.Collections;
using System.Collections.Immutable;
using System.Numerics;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization.Protobuf;

/// <summary>
/// Writes the wire schema of <c>schemas/xmmutablemap.proto</c> deterministically: entries in canonical key
/// order, integers in <c>int_value</c>/<c>int_key</c> (sint64) unless above the int64 range. Each message's
/// size is measured before it is written, so nothing is buffered twice.
/// </summary>
internal sealed class ProtobufMapWriter
{
    private readonly DocumentPath _path = new();
    private byte[] _buffer = [];
    private int _position;

    /// <summary>The body of a Map message.</summary>
    public static byte[] WriteDocument(IImmutableMap map)
    {
        var writer = new ProtobufMapWriter();
        int size = writer.MapBodySize(map);
        writer._buffer = new byte[size];
        writer.WriteMapBody(map);
        return writer._buffer;
    }

    /// <summary>The body of one Entry message (for protobuf-net, which writes the Map's field headers itself).</summary>
    public static byte[] WriteEntry(object key, object? value)
    {
        var writer = new ProtobufMapWriter();
        writer._path.PushKey(key);
        int size = writer.EntryBodySize(key, value);
        writer._buffer = new byte[size];
        writer.WriteEntryBody(key, value);
        return writer._buffer;
    }

    // ---- sizes -------------------------------------------------------------------------------

    private int MapBodySize(IImmutableMap map)
    {
        int size = 0;
        for (int i = 0; i < map.Count; i++)
        {
            object key = map.GetKey(i);
            _path.PushKey(key);
            size += Delimited(EntryBodySize(key, map.GetValue(i)));
            _path.Pop();
        }
        return size;
    }

    private int EntryBodySize(object key, object? value) => KeySize(key) + Delimited(ValueBodySize(value));

    private int KeySize(object key)
    {
        if (key is string s) return Delimited(Utf8Length(s));
        if (!ModelValue.TryGetInteger(key, out var i)) throw Error($"a map key of type {key.GetType().FullName} is not a string or an integer");
        return 1 + VarintSize(i <= long.MaxValue ? ZigZag((long)i) : (ulong)i);
    }

    private int ValueBodySize(object? value)
    {
        switch (ModelValue.GetKind(value))
        {
            case ModelKind.Null or ModelKind.Bool: return 2;
            case ModelKind.Integer:
                ModelValue.TryGetInteger(value, out var i);
                return 1 + VarintSize(i <= long.MaxValue ? ZigZag((long)i) : (ulong)i);
            case ModelKind.Float: return 9;
            case ModelKind.String: return Delimited(Utf8Length((string)value!));
            case ModelKind.Bytes: return Delimited(((ImmutableArray<byte>)value!).Length);
            case ModelKind.List: return Delimited(ListBodySize((IList)value!));
            case ModelKind.Map: return Delimited(MapBodySize((IImmutableMap)value!));
            default: throw Error($"{value!.GetType().FullName} is not a model value");
        }
    }

    private int ListBodySize(IList list)
    {
        int size = 0;
        _path.PushIndex(0);
        for (int i = 0; i < list.Count; i++)
        {
            _path.SetIndex(i);
            size += Delimited(ValueBodySize(list[i]));
        }
        _path.Pop();
        return size;
    }

    private static int Delimited(int bodySize) => 1 + VarintSize((ulong)bodySize) + bodySize;

    private int Utf8Length(string s)
    {
        if (UnicodeText.HasLoneSurrogate(s)) throw Error("the string contains a lone surrogate, which is not a Unicode scalar value");
        return System.Text.Encoding.UTF8.GetByteCount(s);
    }

    private static int VarintSize(ulong value) => value == 0 ? 1 : (BitOperations.Log2(value) / 7) + 1;

    private static ulong ZigZag(long n) => (ulong)((n << 1) ^ (n >> 63));

    // ---- bytes -------------------------------------------------------------------------------

    private void WriteMapBody(IImmutableMap map)
    {
        for (int i = 0; i < map.Count; i++)
        {
            object key = map.GetKey(i);
            object? value = map.GetValue(i);
            Tag(1, 2);
            Varint((ulong)EntryBodySize(key, value));
            WriteEntryBody(key, value);
        }
    }

    private void WriteEntryBody(object key, object? value)
    {
        if (key is string s)
        {
            Tag(1, 2);
            String(s);
        }
        else
        {
            ModelValue.TryGetInteger(key, out var i);
            if (i <= long.MaxValue) { Tag(2, 0); Varint(ZigZag((long)i)); }
            else { Tag(3, 0); Varint((ulong)i); }
        }
        Tag(4, 2);
        Varint((ulong)ValueBodySize(value));
        WriteValueBody(value);
    }

    private void WriteValueBody(object? value)
    {
        switch (ModelValue.GetKind(value))
        {
            case ModelKind.Null: Tag(1, 0); Varint(0); return;
            case ModelKind.Bool: Tag(2, 0); Varint((bool)value! ? 1UL : 0UL); return;
            case ModelKind.Integer:
                ModelValue.TryGetInteger(value, out var i);
                if (i <= long.MaxValue) { Tag(3, 0); Varint(ZigZag((long)i)); }
                else { Tag(4, 0); Varint((ulong)i); }
                return;
            case ModelKind.Float:
                ModelValue.TryGetFloat(value, out double d);
                Tag(5, 1);
                // Deterministic bytes, as in the canonical encoding: one zero and one NaN.
                if (d == 0) d = 0.0;
                if (double.IsNaN(d)) d = double.NaN;
                BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_position, 8), d);
                _position += 8;
                return;
            case ModelKind.String:
                Tag(6, 2);
                String((string)value!);
                return;
            case ModelKind.Bytes:
                var bytes = (ImmutableArray<byte>)value!;
                Tag(7, 2);
                Varint((ulong)bytes.Length);
                bytes.AsSpan().CopyTo(_buffer.AsSpan(_position));
                _position += bytes.Length;
                return;
            case ModelKind.List:
                var list = (IList)value!;
                Tag(8, 2);
                Varint((ulong)ListBodySize(list));
                foreach (var item in list)
                {
                    Tag(1, 2);
                    Varint((ulong)ValueBodySize(item));
                    WriteValueBody(item);
                }
                return;
            case ModelKind.Map:
                var map = (IImmutableMap)value!;
                Tag(9, 2);
                Varint((ulong)MapBodySize(map));
                WriteMapBody(map);
                return;
        }
    }

    private void String(string s)
    {
        int length = System.Text.Encoding.UTF8.GetByteCount(s);
        Varint((ulong)length);
        _position += System.Text.Encoding.UTF8.GetBytes(s, _buffer.AsSpan(_position));
    }

    private void Tag(int field, int wire) => Varint((ulong)((field << 3) | wire));

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer[_position++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_position++] = (byte)value;
    }

    private DocumentError Error(string reason) => new(reason, _path.ToString());
}
