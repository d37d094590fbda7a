using System.Buffers;

namespace Xmmutablemap.Serialization.Internal;

/// <summary>
/// A per-thread buffer for documents that must be complete before any byte reaches the caller's output (a refused
/// value must not leave half a document there), so that writing one costs no allocation beyond the output's own.
/// A buffer in use is taken out of the slot, so re-entrant writes get one of their own.
/// </summary>
internal static class ScratchBuffer
{
    // A buffer that grew past this for one large document is dropped rather than kept for the thread's lifetime.
    private const int LargestKept = 1 << 20;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;

    public static ArrayBufferWriter<byte> Take()
    {
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(16 * 1024);
        t_buffer = null;
        buffer.ResetWrittenCount();
        return buffer;
    }

    public static void Return(ArrayBufferWriter<byte> buffer)
    {
        if (buffer.Capacity <= LargestKept) t_buffer = buffer;
    }
}
