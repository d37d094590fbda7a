using System.Security.Cryptography;

namespace Xmmutablemap.Tests;

public class ContentHashTests
{
    [Fact]
    public void Empty_map_hash_is_sha256_of_the_byte_0x80()
    {
        Assert.Equal("sha256:76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71", ImmutableMap.Create<string, int>().ContentHash.ToString());
    }

    [Fact]
    public void Content_hash_is_sha256_of_the_canonical_bytes()
    {
        var map = ImmutableMap.Of<string, object?>(("b", 2.0), ("a", 1), ("c", "3"));
        Assert.Equal("83a16101a162cb4000000000000000a163a133", Convert.ToHexStringLower(map.ToCanonicalBytes()));
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(map.ToCanonicalBytes())), map.ContentHash.ToString());
    }

    [Fact]
    public void Parse_round_trips_and_accepts_upper_case_hex()
    {
        var hash = ImmutableMap.Of(("a", 1)).ContentHash;
        Assert.Equal(hash, ContentHash.Parse(hash.ToString()));
        Assert.Equal(hash, ContentHash.Parse(hash.ToString().ToUpperInvariant().Replace("SHA256:", "sha256:")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256:")]
    [InlineData("sha1:76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71")]
    [InlineData("sha256:76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac7")]
    [InlineData("sha256:76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac7g")]
    [InlineData("76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac7")]
    [InlineData("sha256_76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71")]
    [InlineData(" sha256:76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71")]
    public void TryParse_rejects_malformed_text(string text)
    {
        Assert.False(ContentHash.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ContentHash.Parse(text));
    }

    [Theory]
    [InlineData("76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71")]
    [InlineData("sha256-76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71")]
    [InlineData("sha256:76BE8B528D0075F7AAE98D6FA57A6D3C83AE480A8469E668D7B0AF968995AC71")]
    public void Parse_reads_the_hex_alone_and_the_file_name_form(string text)
    {
        Assert.Equal("sha256:76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71", ContentHash.Parse(text).ToString());
    }

    [Fact]
    public void Raw_bytes_round_trip()
    {
        var bytes = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();
        var hash = new ContentHash(bytes);
        Assert.Equal(bytes, hash.ToArray());
        Assert.Equal("sha256:" + Convert.ToHexStringLower(bytes), hash.ToString());
        Assert.Throws<ArgumentException>(() => new ContentHash(new byte[31]));
    }

    [Fact]
    public void Equality_operators_compare_the_digest()
    {
        var a = ImmutableMap.Of(("a", 1)).ContentHash;
        var b = ImmutableMap.Of(("a", 1L)).ContentHash;
        var c = ImmutableMap.Of(("a", 1.0)).ContentHash;
        Assert.True(a == b);
        Assert.True(a != c);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void A_mutable_value_has_no_hash_and_the_error_names_path_and_type()
    {
        var inner = ImmutableMap.Of<string, object?>(("layers", System.Collections.Immutable.ImmutableArray.Create<object?>(1, new List<int> { 2 })));
        var map = ImmutableMap.Of<string, object?>(("model", inner));
        var e = Assert.Throws<ModelValueException>(() => map.ContentHash);
        Assert.Contains("'model.layers[1]'", e.Message);
        Assert.Contains("System.Collections.Generic.List`1", e.Message);
    }

    // The writer's hot loops keep no path; a failure encodes the value again to name it. These pin the exact
    // path through maps and lists at several depths, for the hash and for the bytes alike.
    [Theory]
    [InlineData("hash")]
    [InlineData("write")]
    public void A_failure_deep_in_maps_and_lists_names_its_exact_path(string how)
    {
        var leaf = ImmutableMap.Of<string, object?>(("a", 1L), ("b", System.Collections.Immutable.ImmutableArray.Create<object?>(1L, "x", new object())), ("c", 2.5));
        var middle = ImmutableMap.Of<string, object?>(("first", 1L), ("list", System.Collections.Immutable.ImmutableArray.Create<object?>(0L, leaf)), ("z", "ok"));
        var map = ImmutableMap.Of<string, object?>(("alpha", "fine"), ("beta", middle), ("gamma", true));
        var e = Assert.Throws<ModelValueException>(() =>
        {
            if (how == "hash") _ = map.ContentHash;
            else map.WriteCanonicalTo(new System.Buffers.ArrayBufferWriter<byte>());
        });
        Assert.Equal("beta.list[1].b[2]", e.Path);
        Assert.Contains("System.Object", e.Message);
    }

    [Fact]
    public void A_lone_surrogate_in_a_nested_key_names_the_key()
    {
        var inner = ImmutableMap.Of<string, object?>(("ok", 1L), ("bad\uDC00", 2L));
        var map = ImmutableMap.Of<string, object?>(("outer", inner));
        var e = Assert.Throws<ModelValueException>(() => CanonicalEncoding.Hash(map));
        Assert.Equal(@"outer[""bad\udc00""]", e.Path); // an unprintable key is quoted and escaped
        Assert.Contains("lone surrogate", e.Message);
    }

    [Fact]
    public void Nesting_past_the_limit_names_where_it_was_reached()
    {
        var map = ImmutableMap.Of<string, object?>(("a", ImmutableMap.Of<string, object?>(("b", ImmutableMap.Of<string, object?>(("c", 1L))))));
        var e = Assert.Throws<Documents.DocumentException>(() => CanonicalEncoding.ToArray(map, new Documents.DocumentLimits { MaxDepth = 2 }));
        Assert.Equal("a.b", e.Path);
    }

    [Fact]
    public void A_lone_surrogate_has_no_hash()
    {
        var map = ImmutableMap.Of(("key", "bad \uD800 text"));
        var e = Assert.Throws<ModelValueException>(() => map.ContentHash);
        Assert.Contains("'key'", e.Message);
        Assert.Contains("lone surrogate", e.Message);
    }

    [Fact]
    public void A_key_that_is_neither_string_nor_integer_has_no_hash()
    {
        var map = ImmutableMap.Of((Guid.Empty, 1));
        Assert.Throws<ModelValueException>(() => map.ContentHash);
    }

    [Fact]
    public void Many_threads_see_the_same_hash_and_hash_code_of_a_fresh_map()
    {
        for (int round = 0; round < 20; round++)
        {
            var map = Enumerable.Range(0, 200).Select(i => KeyValuePair.Create("k" + i, (object?)(i * 1.5))).ToImmutableMap();
            var expected = Convert.ToHexStringLower(SHA256.HashData(map.ToCanonicalBytes()));
            var fresh = Enumerable.Range(0, 200).Select(i => KeyValuePair.Create("k" + i, (object?)(i * 1.5))).ToImmutableMap();
            var results = new (string Hash, int Code)[8];
            using var start = new Barrier(results.Length);
            var threads = Enumerable.Range(0, results.Length).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                results[t] = (fresh.ContentHash.ToString(), fresh.GetHashCode());
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.All(results, r => Assert.Equal("sha256:" + expected, r.Hash));
            Assert.All(results, r => Assert.Equal(results[0].Code, r.Code));
        }
    }

    [Fact]
    public void Strings_of_every_short_length_encode_as_a_header_and_their_utf8_bytes()
    {
        // Short ASCII strings are narrowed as overlapping words and vectors whose offsets depend on the length;
        // for each length up to 40, the string alone, with one character outside ASCII at each position, and as
        // a map key next to a value must give exactly the fixstr/str8 header and the UTF-8 bytes.
        foreach (char other in (ReadOnlySpan<char>)['\u0080', '\u00e9', '\u0100', '\u4e2d'])
        {
            for (int length = 0; length <= 40; length++)
            {
                string ascii = string.Concat(Enumerable.Range(0, length).Select(i => (char)('!' + i * 7 % 94)));
                var variants = new List<string> { ascii };
                for (int at = 0; at < length; at++) variants.Add(ascii[..at] + other + ascii[(at + 1)..]);
                foreach (string text in variants)
                {
                    byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(text);
                    byte[] header = utf8.Length <= 31 ? [(byte)(0xa0 | utf8.Length)] : [0xd9, (byte)utf8.Length];
                    Assert.Equal(Convert.ToHexString([.. header, .. utf8]), Convert.ToHexString(CanonicalEncoding.ToArray(text)));
                    var map = ImmutableMap.Of<string, object?>((text, true));
                    Assert.Equal(Convert.ToHexString([0x81, .. header, .. utf8, 0xc3]), Convert.ToHexString(map.ToCanonicalBytes()));
                }
            }
        }
    }

    // The writer keeps 8 KB of bytes before it flushes; longer encodings cross that boundary, mid-string and
    // mid-number, and ToArray gathers them in a pooled array. The expected bytes are spelled out by hand.
    [Theory]
    [InlineData(8189)]
    [InlineData(8192)]
    [InlineData(70_000)]
    [InlineData(3_000_000)] // past the pooled sizes: the spill grows in arrays of its own
    public void Encodings_longer_than_the_writer_buffer_are_whole_in_every_output(int textLength)
    {
        string text = new('x', textLength);
        var map = ImmutableMap.Of<string, object?>(("a", text), ("b", 1.5), ("c", -1000));
        var expected = new List<byte> { 0x83, 0xa1, (byte)'a' };
        expected.AddRange(textLength <= ushort.MaxValue
            ? [0xda, (byte)(textLength >> 8), (byte)textLength]
            : [0xdb, (byte)(textLength >> 24), (byte)(textLength >> 16), (byte)(textLength >> 8), (byte)textLength]);
        expected.AddRange(Enumerable.Repeat((byte)'x', textLength));
        expected.AddRange([0xa1, (byte)'b', 0xcb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0]);
        expected.AddRange([0xa1, (byte)'c', 0xd1, 0xfc, 0x18]);

        Assert.Equal(expected.ToArray(), map.ToCanonicalBytes());
        Assert.Equal(expected.ToArray(), CanonicalEncoding.ToArray(map, Documents.DocumentLimits.Default));
        var output = new System.Buffers.ArrayBufferWriter<byte>(1);
        map.WriteCanonicalTo(output);
        Assert.Equal(expected.ToArray(), output.WrittenSpan.ToArray());
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(expected.ToArray())), CanonicalEncoding.Hash(map).ToString());
    }

    // Each thread reuses one writer; a failure part-way through (here after 20 KB were already flushed)
    // must leave nothing behind that the next encoding on the thread picks up.
    [Fact]
    public void An_encoding_that_fails_part_way_leaves_the_next_one_on_the_thread_whole()
    {
        var bad = ImmutableMap.Of<string, object?>(("a", new string('y', 20_000)), ("b", new List<int> { 1 }));
        var good = ImmutableMap.Of<string, object?>(("k", "v"));
        for (int round = 0; round < 3; round++)
        {
            Assert.Throws<ModelValueException>(() => bad.ToCanonicalBytes());
            Assert.Equal([0x81, 0xa1, (byte)'k', 0xa1, (byte)'v'], good.ToCanonicalBytes());
            Assert.Throws<ModelValueException>(() => CanonicalEncoding.Hash(bad));
            Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData([0x81, 0xa1, (byte)'k', 0xa1, (byte)'v'])), CanonicalEncoding.Hash(good).ToString());
            var output = new System.Buffers.ArrayBufferWriter<byte>();
            Assert.Throws<ModelValueException>(() => bad.WriteCanonicalTo(output));
            output.ResetWrittenCount();
            good.WriteCanonicalTo(output);
            Assert.Equal([0x81, 0xa1, (byte)'k', 0xa1, (byte)'v'], output.WrittenSpan.ToArray());
        }
    }

    // An output whose GetSpan encodes another value (re-entrant use on the same thread) gets bytes of its own.
    [Fact]
    public void An_output_that_encodes_while_being_written_to_does_not_disturb_the_outer_encoding()
    {
        var outer = ImmutableMap.Of<string, object?>(("a", new string('z', 10_000)), ("b", 2));
        var inner = ImmutableMap.Of<string, object?>(("k", 1));
        var output = new ReentrantOutput(() => Assert.Equal([0x81, 0xa1, (byte)'k', 0x01], inner.ToCanonicalBytes()));
        outer.WriteCanonicalTo(output);
        Assert.True(output.Calls > 0);
        Assert.Equal(outer.ToCanonicalBytes(), output.Written.ToArray());
    }

    private sealed class ReentrantOutput(Action onGetSpan) : System.Buffers.IBufferWriter<byte>
    {
        private readonly System.Buffers.ArrayBufferWriter<byte> _inner = new();
        public int Calls { get; private set; }
        public ReadOnlySpan<byte> Written => _inner.WrittenSpan;
        public void Advance(int count) => _inner.Advance(count);
        public Memory<byte> GetMemory(int sizeHint = 0) => _inner.GetMemory(sizeHint);
        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Calls++;
            onGetSpan();
            return _inner.GetSpan(sizeHint);
        }
    }
}
