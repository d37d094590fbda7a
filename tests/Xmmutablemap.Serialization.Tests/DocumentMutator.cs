using System.Text;

namespace Xmmutablemap.Serialization.Tests;

/// <summary>
/// Mutates valid documents the way a coverage-blind fuzzer would, biased toward what breaks readers: bit
/// flips, interesting bytes, truncation, splicing two documents, repeated and deleted ranges, lying length
/// headers for the binary formats, deep nesting, and YAML anchors, aliases, tags and odd scalars.
/// Deterministic for a given seed, so a failure reproduces.
/// </summary>
internal sealed class DocumentMutator(int seed)
{
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xc0, 0xc1, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xcf, 0xd3, 0xcb, 0xc4, 0xc6, 0x0a, 0x0d, 0x22, 0x27, 0x5b, 0x7b, 0x5d, 0x7d, 0x3a, 0x2c, 0x26, 0x2a, 0x21, 0x5c, 0x09, 0x20, 0x23, 0x2d, 0x3f, 0x7c, 0x3e];

    private static readonly string[] YamlSnippets =
    [
        "&a ", "*a", "!!str ", "!!int ", "!!float ", "!!binary ", "!<tag:x> ", "!!map ", "? ", ": ", "- ", "|+\n  ", ">-\n  ",
        "{", "}", "[", "]", ", ", "\"\\U0010FFFF\"", "\"\\ud800\"", "0x1F", "0o17", "1e400", ".nan", "-.inf", "~", "null", "yes",
        "---\n", "...\n", "%YAML 1.2\n---\n", "&b [*a, *a, *a]", "<<: *a\n", "\t", "\\", "#", "'", "\"",
        "18446744073709551616", "-9223372036854775809", "\uFEFF", "\u0085", "\u2028",
    ];

    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus, bool text)
    {
        var bytes = new List<byte>(input);
        int rounds = 1 + _random.Next(4);
        for (int r = 0; r < rounds; r++) MutateOnce(bytes, corpus, text);
        return bytes.ToArray();
    }

    private void MutateOnce(List<byte> bytes, IReadOnlyList<byte[]> corpus, bool text)
    {
        int at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
        switch (_random.Next(text ? 10 : 9))
        {
            case 0 when bytes.Count > 0: // bit flip
                bytes[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when bytes.Count > 0: // interesting byte
                bytes[at] = InterestingBytes[_random.Next(InterestingBytes.Length)];
                break;
            case 2: // truncate
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 3: // splice a piece of another document
            {
                var other = corpus[_random.Next(corpus.Count)];
                int from = _random.Next(other.Length), length = _random.Next(other.Length - from + 1);
                bytes.InsertRange(at, other.Skip(from).Take(length));
                break;
            }
            case 4 when bytes.Count > 0: // repeat a range
            {
                int length = Math.Min(_random.Next(1, 64), bytes.Count - at);
                var range = bytes.GetRange(at, length);
                for (int i = _random.Next(1, 8); i > 0; i--) bytes.InsertRange(at, range);
                break;
            }
            case 5 when bytes.Count > 0: // delete a range
                bytes.RemoveRange(at, Math.Min(_random.Next(1, 16), bytes.Count - at));
                break;
            case 6: // a length that lies: a big header (MessagePack str32/array32/map32, a protobuf varint)
            {
                byte[][] liars = [[0xdb, 0xff, 0xff, 0xff, 0xf0], [0xdd, 0x7f, 0xff, 0xff, 0xff], [0xdf, 0xff, 0xff, 0xff, 0xff], [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f], [0x42, 0xfe, 0xff, 0xff, 0x7f], [0xc6, 0x80, 0x00, 0x00, 0x00]];
                bytes.InsertRange(at, liars[_random.Next(liars.Length)]);
                break;
            }
            case 7: // deep nesting
            {
                byte[][] openers = [[(byte)'['], [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':'], [0x91], [0x81, 0xa1, 0x61], [(byte)'-', (byte)' '], [0x42, 0x00]];
                var opener = openers[_random.Next(openers.Length)];
                int levels = _random.Next(2) == 0 ? _random.Next(60, 70) : _random.Next(1000, 20_000);
                for (int i = 0; i < levels; i++) bytes.InsertRange(at, opener);
                break;
            }
            case 8: // an arbitrary short run of random bytes
            {
                var run = new byte[_random.Next(1, 9)];
                _random.NextBytes(run);
                bytes.InsertRange(at, run);
                break;
            }
            default: // YAML: anchors, aliases, tags, odd scalars
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(YamlSnippets[_random.Next(YamlSnippets.Length)]));
                break;
        }
    }
}
