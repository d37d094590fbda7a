using System.Buffers;
using System.Buffers.Binary;
using System.Collections;
using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using Xmmutablemap.Documents;

namespace Xmmutablemap.Serialization.Protobuf;

/// <summary>
/// Writes the wire schema of <c>schemas/xmmutablemap.proto</c> deterministically: entries in canonical key
/// order, integers in <c>int_value</c>/<c>int_key</c> (sint64) unless above the int64 range, one zero and one
/// NaN. Two passes, as protobuf writers do: the first measures every message and records the sizes in
/// pre-order, the second writes into an exact-size buffer, reading the sizes back in the same order.
/// </summary>
internal sealed class ProtobufMapWriter
{
    private readonly DocumentPath _path = new();
    private readonly DocumentLimits _limits;
    // Sizes in pre-order, in an array rented from the shared pool (a config has thousands of messages; a
    // growing List<int> allocated about three times the output's own size).
    private int[] _sizes = ArrayPool<int>.Shared.Rent(256);
    private int _count;
    private int _cursor;
    private byte[] _buffer = [];
    private int _position;

    /// <summary>The body of a Map message.</summary>
    private ProtobufMapWriter(DocumentLimits limits) => _limits = limits;

    public static byte[] WriteDocument(IImmutableMap map, DocumentLimits limits)
    {
        var writer = new ProtobufMapWriter(limits);
        try
        {
            writer._buffer = new byte[writer.MeasureMap(map)]; // zeroed: pass 2 fills it exactly, but a mismatch must never expose old memory
            writer.WriteMap(map);
            return writer._buffer;
        }
        finally
        {
            writer.ReturnSizes();
        }
    }

    /// <summary>The body of one Entry message (for protobuf-net, which writes the Map's field headers itself).</summary>
    public static byte[] WriteEntry(object key, object? value, DocumentLimits limits)
    {
        var writer = new ProtobufMapWriter(limits);
        try
        {
            writer._buffer = new byte[writer.MeasureEntry(key, value)]; // zeroed: pass 2 fills it exactly, but a mismatch must never expose old memory
            writer.WriteEntryBody(key, value);
            return writer._buffer;
        }
        finally
        {
            writer.ReturnSizes();
        }
    }

    private void ReturnSizes()
    {
        Release(_sizes);
        _sizes = [];
    }

    // Up to 1 MiB of sizes come from the shared pool; a large file's table is allocated and left to the
    // collector, so that one big write does not leave the pool holding every size the table grew through.
    private const int LargestPooledTable = 1 << 18;

    private static int[] Allocate(int length) =>
        length <= LargestPooledTable ? ArrayPool<int>.Shared.Rent(length) : GC.AllocateUninitializedArray<int>(length);

    private static void Release(int[] table)
    {
        if (table.Length is > 0 and <= LargestPooledTable) ArrayPool<int>.Shared.Return(table);
    }

    // ---- pass 1: sizes, recorded in pre-order ---------------------------------------------------

    private int MeasureMap(IImmutableMap map)
    {
        _limits.EnterCollection(_path);
        RuntimeHelpers.EnsureSufficientExecutionStack();
        int slot = Slot();
        int size = 0;
        for (int i = 0; i < map.Count; i++)
        {
            size += Delimited(MeasureEntry(map.GetKey(i), map.GetValue(i)));
        }
        return _sizes[slot] = size;
    }

    private int MeasureEntry(object key, object? value)
    {
        int slot = Slot();
        _path.PushKey(key);
        int size = KeySize(key) + Delimited(MeasureValue(value));
        _path.Pop();
        return _sizes[slot] = size;
    }

    private int MeasureValue(object? value)
    {
        int slot = Slot();
        int size;
        switch (ModelValue.GetKind(value))
        {
            case ModelKind.Null or ModelKind.Bool: size = 2; break;
            case ModelKind.Integer: size = 1 + VarintSize(IntegerWire(value, out _)); break;
            case ModelKind.Float: size = 9; break;
            case ModelKind.String: size = Delimited(Utf8Length((string)value!)); break;
            case ModelKind.Bytes: size = Delimited(((ImmutableArray<byte>)value!).Length); break;
            case ModelKind.List: size = Delimited(MeasureList((IList)value!)); break;
            case ModelKind.Map: size = Delimited(MeasureMap((IImmutableMap)value!)); break;
            default: throw Error($"{value!.GetType().FullName} is not a model value");
        }
        return _sizes[slot] = size;
    }

    private int MeasureList(IList list)
    {
        _limits.EnterCollection(_path);
        RuntimeHelpers.EnsureSufficientExecutionStack();
        int slot = Slot();
        int size = 0;
        _path.PushIndex(0);
        for (int i = 0; i < list.Count; i++)
        {
            _path.SetIndex(i);
            size += Delimited(MeasureValue(list[i]));
        }
        _path.Pop();
        return _sizes[slot] = size;
    }

    private int Slot()
    {
        if (_count == _sizes.Length)
        {
            var larger = Allocate(_sizes.Length * 2);
            _sizes.AsSpan().CopyTo(larger);
            Release(_sizes);
            _sizes = larger;
        }
        return _count++;
    }

    private int KeySize(object key)
    {
        if (key is string s) return Delimited(Utf8Length(s));
        if (!ModelValue.TryGetInteger(key, out _)) throw Error($"a map key of type {key.GetType().FullName} is not a string or an integer");
        return 1 + VarintSize(IntegerWire(key, out _));
    }

    private static int Delimited(int bodySize) => 1 + VarintSize((ulong)bodySize) + bodySize;

    private int Utf8Length(string s) => ModelText.GetUtf8ByteCount(s, _path);

    private static int VarintSize(ulong value) => value == 0 ? 1 : (BitOperations.Log2(value) / 7) + 1;

    /// <summary>The varint of an integer: zigzag sint64 in the int64 range, plain uint64 above it.</summary>
    private static ulong IntegerWire(object? value, out bool unsigned)
    {
        ModelValue.TryGetInteger(value, out var i);
        unsigned = i > long.MaxValue;
        return unsigned ? (ulong)i : ZigZag((long)i);
    }

    private static ulong ZigZag(long n) => (ulong)((n << 1) ^ (n >> 63));

    // ---- pass 2: bytes, reading the sizes back in the same order -------------------------------

    private void WriteMap(IImmutableMap map)
    {
        _cursor++; // the map's own size: its caller wrote it, or it is the whole document
        for (int i = 0; i < map.Count; i++)
        {
            Tag(1, 2);
            Varint((ulong)_sizes[_cursor]);
            WriteEntryBody(map.GetKey(i), map.GetValue(i));
        }
    }

    private void WriteEntryBody(object key, object? value)
    {
        _cursor++;
        if (key is string s)
        {
            Tag(1, 2);
            String(s);
        }
        else
        {
            ulong wire = IntegerWire(key, out bool unsigned);
            Tag(unsigned ? 3 : 2, 0);
            Varint(wire);
        }
        Tag(4, 2);
        WriteValue(value);
    }

    /// <summary>Writes a Value message with its length prefix (the field tag is already written).</summary>
    private void WriteValue(object? value)
    {
        Varint((ulong)_sizes[_cursor++]);
        switch (ModelValue.GetKind(value))
        {
            case ModelKind.Null: Tag(1, 0); Varint(0); return;
            case ModelKind.Bool: Tag(2, 0); Varint((bool)value! ? 1UL : 0UL); return;
            case ModelKind.Integer:
                ulong wire = IntegerWire(value, out bool unsigned);
                Tag(unsigned ? 4 : 3, 0);
                Varint(wire);
                return;
            case ModelKind.Float:
                ModelValue.TryGetFloat(value, out double d);
                // Deterministic bytes, as in the canonical encoding: one zero and one NaN.
                if (d == 0) d = 0.0;
                if (double.IsNaN(d)) d = double.NaN;
                Tag(5, 1);
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
                Tag(8, 2);
                Varint((ulong)_sizes[_cursor++]);
                var list = (IList)value!;
                for (int i = 0; i < list.Count; i++) // an indexer, not foreach: IList's enumerator is a boxed one
                {
                    Tag(1, 2);
                    WriteValue(list[i]);
                }
                return;
            case ModelKind.Map:
                Tag(9, 2);
                Varint((ulong)_sizes[_cursor]);
                WriteMap((IImmutableMap)value!);
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

    private DocumentException Error(string reason) => new(reason, _path.ToString());
}
