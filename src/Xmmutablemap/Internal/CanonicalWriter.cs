using System.Buffers;
using System.Buffers.Binary;
using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using System.Text;

namespace Xmmutablemap.Internal;

/// <summary>
/// Writes the canonical encoding v1 (deterministic MessagePack) into a small buffer that is flushed
/// into an <see cref="IBufferWriter{T}"/>, into the array <see cref="ToArray"/> returns, or straight into
/// SHA-256, so hashing a map never materializes its whole encoding. One instance per thread is reused by every encoding.
/// </summary>
/// <remarks>
/// The loops over a model map's entries and a list's items keep no path: a handler that needs the loop's
/// index makes the JIT keep the loop's variables on the stack, which cost a quarter of the encoding time.
/// When a value turns out not to be a model value, the encoding runs again with <see cref="_tracksPaths"/>
/// set, into no output, and that run's exception names the path. The values are immutable, so it fails
/// at the same place.
/// </remarks>
internal sealed class CanonicalWriter
{
    private const int BufferSize = 8192;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>One writer per thread, reused by every hash and write: its 8 KB buffer is not allocated (and
    /// zeroed) per call. A writer in use is taken out of the slot, so re-entrant use (a user's
    /// <see cref="IBufferWriter{T}"/> that encodes, say) gets a writer of its own; one that failed is dropped.</summary>
    [ThreadStatic] private static CanonicalWriter? t_writer;

    private readonly byte[] _buffer = new byte[BufferSize];
    private int _position;
    private IncrementalHash? _hash;
    private int _depth;
    private int _maxDepth = int.MaxValue;
    private Target _target;
    private IBufferWriter<byte>? _output;
    private bool _tracksPaths;
    // Target.Array: what did not fit in the buffer, in an array from the shared pool (see Allocate).
    private byte[]? _spill;
    private int _spillLength;

    /// <summary>Where flushed bytes go.</summary>
    private enum Target : byte
    {
        Nowhere, // tracing a failure's path: the bytes are not wanted
        Hash,
        Output,
        Array,
    }

    public static ContentHash Hash<T>(T value)
    {
        var writer = Take(Target.Hash, int.MaxValue);
        writer._hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            writer.WriteValue(value);
            writer.Flush();
            Span<byte> digest = stackalloc byte[ContentHash.Length];
            writer._hash.GetHashAndReset(digest);
            writer.GiveBack();
            return new ContentHash(digest);
        }
        catch (NonModelValueException e)
        {
            throw FailureWithPath(value, int.MaxValue, e);
        }
    }

    public static void Write<T>(IBufferWriter<byte> output, T value, int maxDepth = int.MaxValue)
    {
        var writer = Take(Target.Output, maxDepth);
        writer._output = output;
        try
        {
            writer.WriteValue(value);
            writer.Flush();
            writer.GiveBack();
        }
        catch (NonModelValueException e)
        {
            throw FailureWithPath(value, maxDepth, e);
        }
    }

    /// <summary>The canonical bytes in one array of exactly their length: an encoding that fits the buffer
    /// (nearly every config) is copied out once; a longer one gathers in a pooled array first.</summary>
    public static byte[] ToArray<T>(T value, int maxDepth = int.MaxValue)
    {
        var writer = Take(Target.Array, maxDepth);
        try
        {
            writer.WriteValue(value);
            var result = GC.AllocateUninitializedArray<byte>(writer._spillLength + writer._position);
            writer._spill.AsSpan(0, writer._spillLength).CopyTo(result);
            writer._buffer.AsSpan(0, writer._position).CopyTo(result.AsSpan(writer._spillLength));
            writer.GiveBack();
            return result;
        }
        catch (NonModelValueException e)
        {
            throw FailureWithPath(value, maxDepth, e);
        }
        finally
        {
            writer.ReturnSpill();
        }
    }

    private static CanonicalWriter Take(Target target, int maxDepth)
    {
        var writer = t_writer ?? new CanonicalWriter();
        t_writer = null;
        writer._target = target;
        writer._maxDepth = maxDepth;
        return writer;
    }

    /// <summary>Back in the thread's slot after a complete encoding (so the depth is back to zero), holding
    /// nothing of the caller's.</summary>
    private void GiveBack()
    {
        _position = 0;
        _output = null;
        t_writer = this;
    }

    private void ReturnSpill()
    {
        if (_spill is null) return;
        Release(_spill);
        _spill = null;
        _spillLength = 0;
    }

    // Up to 1 MiB the spill comes from the shared pool; a larger one (a large file's encoding) is allocated and
    // left to the collector, so that writing one big document does not leave the pool holding every size it grew through.
    private const int LargestPooledSpill = 1 << 20;

    private static byte[] Allocate(int length) =>
        length <= LargestPooledSpill ? ArrayPool<byte>.Shared.Rent(length) : GC.AllocateUninitializedArray<byte>(length);

    private static void Release(byte[] spill)
    {
        if (spill.Length <= LargestPooledSpill) ArrayPool<byte>.Shared.Return(spill);
    }

    /// <summary>Encodes <paramref name="value"/> again, into no output, with every enclosing map and list
    /// naming itself in the exception, and returns that exception as the public one.</summary>
    private static Exception FailureWithPath<T>(T value, int maxDepth, NonModelValueException first)
    {
        var tracer = new CanonicalWriter { _maxDepth = maxDepth, _tracksPaths = true };
        try
        {
            tracer.WriteValue(value);
        }
        catch (NonModelValueException e)
        {
            return e.ToPublic();
        }
        return first.ToPublic(); // not reached: the same immutable values fail the same way
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteValue<T>(T value)
    {
        if (typeof(T) == typeof(long)) WriteInteger((long)(object)value!);
        else if (typeof(T) == typeof(int)) WriteInteger((int)(object)value!);
        else if (typeof(T) == typeof(double)) WriteFloat((double)(object)value!);
        else if (typeof(T) == typeof(bool)) WriteBool((bool)(object)value!);
        else if (typeof(T) == typeof(string))
        {
            if (value is null) WriteNil();
            else WriteString((string)(object)value);
        }
        else WriteObject(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteKey<TKey>(TKey key)
    {
        if (typeof(TKey) == typeof(string)) WriteString((string)(object)key!);
        else if (typeof(TKey) == typeof(long)) WriteInteger((long)(object)key!);
        else if (typeof(TKey) == typeof(int)) WriteInteger((int)(object)key!);
        else if (key is string s) WriteString(s);
        else if (ModelValue.TryGetInteger(key, out var integer)) WriteInteger(integer);
        else throw new NonModelValueException($"a map key of type {key?.GetType().FullName ?? "null"} is not a string or an integer.");
    }

    /// <summary>Called on entering a map or list. In-memory values can nest arbitrarily deep (built by code,
    /// not parsed), so the stack is checked, but only every 16 levels: the check is not free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enter()
    {
        if ((++_depth & 15) == 0) RuntimeHelpers.EnsureSufficientExecutionStack();
        if (_depth > _maxDepth) throw new NonModelValueException($"nesting is deeper than the limit of {_maxDepth}", isLimit: true);
    }

    public void Exit() => _depth--;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per value: the call cost more than the switch
    public void WriteObject(object? value)
    {
        switch (value)
        {
            case null: WriteNil(); return;
            case bool b: WriteBool(b); return;
            case string s: WriteString(s); return;
            case long l: WriteInteger(l); return;
            case double d: WriteFloat(d); return;
            case ImmutableMap<string, object?> map: map.WriteCanonical(this); return; // the model map: no interface dispatch
            case ImmutableArray<object?> items: WriteList(items); return; // what readers produce: skip the generic list path
            case ImmutableArray<byte> bytes: WriteBytes(bytes.IsDefault ? default : bytes.AsSpan()); return;
            case IImmutableMap other: other.WriteCanonical(this); return;
        }
        if (ModelValue.TryGetInteger(value, out var integer)) { WriteInteger(integer); return; }
        if (ModelValue.TryGetFloat(value, out var number)) { WriteFloat(number); return; }
        if (ModelValue.IsImmutableList(value)) { WriteList((IList)value); return; }
        throw new NonModelValueException($"{value.GetType().FullName} is not a model value (null, bool, integer, float, string, ImmutableArray<byte>, ImmutableArray<T>/ImmutableList<T>, ImmutableMap); ImmutableMap.Freeze converts mutable values.");
    }

    /// <summary>
    /// The entries of a model map (string keys, object values), in a loop outside the map's shared generic code.
    /// Short ASCII keys, nearly all keys, are narrowed inline: the general path's call costs more than the copy.
    /// </summary>
    public void WriteModelEntries(string[] keys, object?[] values)
    {
        if (_tracksPaths)
        {
            WriteModelEntriesNamingFailure(keys, values);
            return;
        }
        for (int i = 0; i < keys.Length; i++)
        {
            WriteString(keys[i]);
            WriteObject(values[i]);
        }
    }

    private void WriteModelEntriesNamingFailure(string[] keys, object?[] values)
    {
        int i = 0;
        try
        {
            for (; i < keys.Length; i++)
            {
                string key = keys[i];
                WriteString(key);
                WriteObject(values[i]);
            }
        }
        catch (NonModelValueException e)
        {
            string key = keys[i];
            throw e.Under(parent => ModelPath.Key(parent, key));
        }
    }

    /// <summary>
    /// Writes a string of at most 16 ASCII characters (nearly every key and many values) with its one-byte
    /// header, or returns false for anything else. The characters are read as two overlapping vectors or
    /// words, the last ending at the string's end, tested for ASCII and narrowed together, so the work does
    /// not loop over characters; the overlapping stores write the same bytes twice where they meet.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryWriteShortAscii(string value)
    {
        int length = value.Length;
        // Room for the header and a full 16-byte store, whatever the length: the stores may reach past it.
        // The word layouts below are little-endian ones (a constant the JIT folds).
        if (length > 16 || BufferSize - _position < 17 || !BitConverter.IsLittleEndian) return false;
        ref ushort source = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(value.AsSpan()));
        ref byte destination = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), _position + 1);
        if (length >= 8)
        {
            var first = Vector128.LoadUnsafe(ref source);
            var last = Vector128.LoadUnsafe(ref source, (nuint)(length - 8));
            if (((first | last) & Vector128.Create((ushort)0xFF80)) != Vector128<ushort>.Zero) return false;
            var narrowed = Vector128.Narrow(first, last).AsUInt64();
            Unsafe.WriteUnaligned(ref destination, narrowed.GetElement(0));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, length - 8), narrowed.GetElement(1));
        }
        else if (length >= 4)
        {
            ulong first = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref source));
            ulong last = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref source, length - 4)));
            if (((first | last) & 0xFF80FF80FF80FF80UL) != 0) return false;
            Unsafe.WriteUnaligned(ref destination, NarrowFour(first));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, length - 4), NarrowFour(last));
        }
        else
        {
            for (int k = 0; k < length; k++)
            {
                ushort c = Unsafe.Add(ref source, k);
                if (c > 0x7F) return false;
                Unsafe.Add(ref destination, k) = (byte)c;
            }
        }
        _buffer[_position] = (byte)(0xa0 | length);
        _position += length + 1;
        return true;
    }

    /// <summary>Four ASCII characters (16 bits each, high bytes zero) packed into their four bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint NarrowFour(ulong chars)
    {
        ulong pairs = (chars | (chars >> 8)) & 0x0000FFFF0000FFFFUL; // bytes 0,1 and 4,5 hold the characters
        return (uint)(pairs | (pairs >> 16));
    }

    private void WriteList(ImmutableArray<object?> items)
    {
        Enter();
        var span = items.IsDefault ? default : items.AsSpan();
        WriteArrayHeader(span.Length);
        if (!_tracksPaths)
        {
            foreach (var item in span) WriteObject(item);
            Exit();
            return;
        }
        int i = 0;
        try
        {
            for (; i < span.Length; i++) WriteObject(span[i]);
            Exit();
        }
        catch (NonModelValueException e)
        {
            int index = i;
            throw e.Under(parent => ModelPath.Index(parent, index));
        }
    }

    private void WriteList(IList list)
    {
        Enter();
        int count = list.Count;
        WriteArrayHeader(count);
        int i = 0;
        try
        {
            for (; i < count; i++) WriteObject(list[i]);
            Exit();
        }
        catch (NonModelValueException e)
        {
            int index = i;
            throw e.Under(parent => ModelPath.Index(parent, index));
        }
    }

    public void WriteNil() => WriteByte(0xc0);

    public void WriteBool(bool value) => WriteByte(value ? (byte)0xc3 : (byte)0xc2);

    /// <summary>One byte (nil, a bool, a small integer, a small collection's header): the commonest write.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteByte(byte value)
    {
        if (_position >= BufferSize) Flush();
        _buffer[_position++] = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // a fixint (0..127), the common case, is one byte
    public void WriteInteger(long value)
    {
        if ((ulong)value <= 127) { WriteByte((byte)value); return; }
        WriteLargerInteger(value);
    }

    private void WriteLargerInteger(long value)
    {
        if (value >= 0) { WriteUnsigned((ulong)value); return; }
        if (value >= -32) { WriteByte(unchecked((byte)value)); return; }
        if (value >= sbyte.MinValue) { var s = Reserve(2); s[0] = 0xd0; s[1] = unchecked((byte)value); return; }
        if (value >= short.MinValue) { var s = Reserve(3); s[0] = 0xd1; BinaryPrimitives.WriteInt16BigEndian(s[1..], (short)value); return; }
        if (value >= int.MinValue) { var s = Reserve(5); s[0] = 0xd2; BinaryPrimitives.WriteInt32BigEndian(s[1..], (int)value); return; }
        var t = Reserve(9); t[0] = 0xd3; BinaryPrimitives.WriteInt64BigEndian(t[1..], value);
    }

    public void WriteInteger(Int128 value)
    {
        if (value >= 0) WriteUnsigned((ulong)value);
        else WriteInteger((long)value);
    }

    public void WriteUnsigned(ulong value)
    {
        if (value <= 127) { WriteByte((byte)value); return; }
        if (value <= byte.MaxValue) { var s = Reserve(2); s[0] = 0xcc; s[1] = (byte)value; return; }
        if (value <= ushort.MaxValue) { var s = Reserve(3); s[0] = 0xcd; BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)value); return; }
        if (value <= uint.MaxValue) { var s = Reserve(5); s[0] = 0xce; BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)value); return; }
        var t = Reserve(9); t[0] = 0xcf; BinaryPrimitives.WriteUInt64BigEndian(t[1..], value);
    }

    public void WriteFloat(double value)
    {
        ulong bits = double.IsNaN(value) ? 0x7ff8000000000000UL : value == 0 ? 0UL : BitConverter.DoubleToUInt64Bits(value);
        if (BufferSize - _position < 9) Flush();
        ref byte at = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), _position);
        at = 0xcb;
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref at, 1), BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(bits) : bits);
        _position += 9;
    }

    public void WriteString(string value)
    {
        if (TryWriteShortAscii(value)) return;
        // ASCII, the usual case for keys and config values: the byte length is the char count, so the
        // header goes first and the chars are narrowed straight into the buffer.
        int count = value.Length;
        if (count <= 255)
        {
            if (count + 2 > BufferSize - _position) Flush();
            var room = _buffer.AsSpan(_position);
            int header = count <= 31 ? 1 : 2;
            if (System.Text.Ascii.FromUtf16(value, room[header..], out _) == OperationStatus.Done)
            {
                WriteStringHeader(room, count);
                _position += header + count;
                return;
            }
        }
        // Any other text, one pass: encode straight into the buffer after room for the largest header, then
        // write the shortest header for the actual length and slide the bytes back next to it.
        int worst = value.Length * 3;
        if (worst + 5 <= BufferSize)
        {
            if (worst + 5 > BufferSize - _position) Flush();
            var room = _buffer.AsSpan(_position);
            if (System.Text.Unicode.Utf8.FromUtf16(value, room[5..], out _, out int length, replaceInvalidSequences: false) != OperationStatus.Done)
                throw LoneSurrogate();
            int header = WriteStringHeader(room, length);
            if (header != 5) room.Slice(5, length).CopyTo(room[header..]);
            _position += header + length;
            return;
        }
        WriteLongString(value);
    }

    private static int WriteStringHeader(Span<byte> destination, int length)
    {
        if (length <= 31) { destination[0] = (byte)(0xa0 | length); return 1; }
        if (length <= byte.MaxValue) { destination[0] = 0xd9; destination[1] = (byte)length; return 2; }
        if (length <= ushort.MaxValue) { destination[0] = 0xda; BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)length); return 3; }
        destination[0] = 0xdb;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
        return 5;
    }

    private static NonModelValueException LoneSurrogate() => new(Documents.ModelText.LoneSurrogateReason);

    private void WriteLongString(string value)
    {
        int length;
        try
        {
            length = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException)
        {
            throw LoneSurrogate();
        }
        WriteStringHeader(Reserve(length <= 31 ? 1 : length <= byte.MaxValue ? 2 : length <= ushort.MaxValue ? 3 : 5), length);
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            int written = StrictUtf8.GetBytes(value, rented);
            WriteRaw(rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        int length = value.Length;
        if (length <= byte.MaxValue) { var s = Reserve(2); s[0] = 0xc4; s[1] = (byte)length; }
        else if (length <= ushort.MaxValue) { var s = Reserve(3); s[0] = 0xc5; BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)length); }
        else { var s = Reserve(5); s[0] = 0xc6; BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)length); }
        WriteRaw(value);
    }

    public void WriteArrayHeader(int count) => WriteCollectionHeader(count, 0x90, 0xdc);

    public void WriteMapHeader(int count) => WriteCollectionHeader(count, 0x80, 0xde);

    // fix, 16-bit and 32-bit forms sit at consecutive codes (dc/dd, de/df).
    private void WriteCollectionHeader(int count, byte fixBase, byte code16)
    {
        if (count <= 15) WriteByte((byte)(fixBase | count));
        else if (count <= ushort.MaxValue) { var s = Reserve(3); s[0] = code16; BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)count); }
        else { var s = Reserve(5); s[0] = (byte)(code16 + 1); BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)count); }
    }

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= BufferSize - _position)
        {
            bytes.CopyTo(_buffer.AsSpan(_position));
            _position += bytes.Length;
            return;
        }
        Flush();
        Emit(bytes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int count)
    {
        if (count > BufferSize - _position) Flush();
        var span = _buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private void Flush()
    {
        if (_position == 0) return;
        Emit(_buffer.AsSpan(0, _position));
        _position = 0;
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        switch (_target)
        {
            case Target.Hash:
                _hash!.AppendData(bytes);
                break;
            case Target.Output:
                bytes.CopyTo(_output!.GetSpan(bytes.Length));
                _output.Advance(bytes.Length);
                break;
            case Target.Array:
                Spill(bytes);
                break;
        }
    }

    private void Spill(ReadOnlySpan<byte> bytes)
    {
        long total = (long)_spillLength + bytes.Length;
        if (total > Array.MaxLength) throw new OutOfMemoryException($"The canonical encoding is longer than one array can hold ({Array.MaxLength} bytes); write it to an IBufferWriter<byte> instead.");
        int needed = (int)total;
        if (_spill is null || _spill.Length < needed)
        {
            var larger = Allocate(Math.Max(needed, (int)Math.Min(Array.MaxLength, 2L * (_spill?.Length ?? BufferSize))));
            _spill.AsSpan(0, _spillLength).CopyTo(larger);
            if (_spill is not null) Release(_spill);
            _spill = larger;
        }
        bytes.CopyTo(_spill.AsSpan(_spillLength));
        _spillLength = needed;
    }
}
