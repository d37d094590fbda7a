using System.Text;
using CsCheck;
using Xmmutablemap.Documents;
using Xmmutablemap.Json;
using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Testing;
using static Xmmutablemap.Serialization.Tests.TestSupport;

namespace Xmmutablemap.Serialization.Tests;

/// <summary>
/// A JSON file is read a window at a time (so a large one is never held whole). Whatever the window's size,
/// and wherever its edges fall (inside a key, a number, an escape, a multi-byte char), the map and every
/// error must be exactly those of reading the whole text at once.
/// </summary>
public class JsonStreamReadTests
{
    private static readonly int[] Windows = [4, 5, 7, 16, 64, 65536];

    private static ImmutableMap<string, object?> FromStream(byte[] bytes, int window, int at = 0)
    {
        var stream = new ShortReadFileLikeStream(bytes) { Position = at };
        return JsonModelReader.ReadDocument(stream, DocumentLimits.Default, window);
    }

    [Fact]
    public void Random_documents_read_through_any_window_equal_the_whole_text_read()
    {
        var gen = ModelGen.Document.Where(d => JsonCanCarry(d)).Select(Gen.Int[4, 40]);
        gen.Sample((document, window) =>
        {
            var bytes = Write(JsonMapFormat.Instance, document);
            var whole = JsonModelReader.ReadDocument(bytes, DocumentLimits.Default);
            var streamed = FromStream(bytes, window);
            Assert.Equal(whole, streamed);
            Assert.Equal(document.ContentHash, streamed.ContentHash);
        }, iter: 200);
    }

    public static TheoryData<string> BadDocuments() =>
    [
        "{\"a\": 1, \"a\": 2}",
        "{\"m\": {\"x\": 1,\n  \"x\": 1}}",
        "{\"a\": 1e400}",
        "{\"a\": 18446744073709551616}",
        "{\"a\": \"\\ud800\"}",
        "{} {}",
        "{\"a\": [1, 2",
        "[1]",
        "",
        "   ",
        "{/* no */}",
        "{\"a\": NaN}",
        "{\"é\": \"ü\",\n \"list\": [1, 2, 3,\n  {\"k\": tru}]}",
        "\uFEFF{\"a\": 1}",
        "{\"a\": 1}\n\n  x",
        string.Concat(Enumerable.Repeat("{\"a\":", 65)) + "1" + new string('}', 65),
        "{\"long\": \"" + new string('y', 300) + "\", \"n\": 12345678901234567890123}",
        // System.Text.Json quotes a bad literal with all the text after it that it holds, which depends on the window.
        "{\"a\": tru, \"b\": \"" + new string('x', 300) + "\"}",
        "timizer\": {}\n",
        "{\"a\": [nul]}",
        "{\"a\": fals\u00e9}",
    ];

    [Theory]
    [InlineData("{\"a\": tru, \"b\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}", "at a, line 1, column 10: 'tru' is an invalid JSON literal. Expected the literal 'true'")]
    [InlineData("timizer\": {}\n", "line 1, column 2: 'ti' is an invalid JSON literal. Expected the literal 'true'")]
    [InlineData("{\"a\": [nulx, 1]}", "at a[0], line 1, column 11: 'nulx' is an invalid JSON literal. Expected the literal 'null'")]
    [InlineData("{\"a\": fals\n}", "at a, line 1, column 11: 'fals' is an invalid JSON literal. Expected the literal 'false'")]
    public void A_bad_literal_is_quoted_up_to_its_first_wrong_character_not_with_the_rest_of_the_document(string text, string message)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(message, Assert.Throws<DocumentException>(() => JsonModelReader.ReadDocument(bytes, DocumentLimits.Default)).Message);
        Assert.Equal(message, Assert.Throws<DocumentException>(() => FromStream(bytes, 5)).Message);
    }

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void Errors_through_any_window_are_those_of_the_whole_text(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var whole = Assert.Throws<DocumentException>(() => JsonModelReader.ReadDocument(bytes, DocumentLimits.Default));
        foreach (int window in Windows)
        {
            var streamed = Assert.Throws<DocumentException>(() => FromStream(bytes, window));
            Assert.Equal(whole.Message, streamed.Message);
            Assert.Equal(whole.Path, streamed.Path);
            Assert.Equal(whole.Position, streamed.Position);
        }
    }

    [Fact]
    public void A_stream_is_read_from_its_position_and_errors_count_lines_from_there()
    {
        var prefix = Encoding.UTF8.GetBytes("not json\nat all\n");
        var bytes = prefix.Concat(Encoding.UTF8.GetBytes("{\"a\": 1,\n \"a\": 2}")).ToArray();
        var e = Assert.Throws<DocumentException>(() => FromStream(bytes, 5, prefix.Length));
        Assert.Equal("at a, line 2, column 2: the key \"a\" appears more than once (first at line 1, column 2)", e.Message);
        Assert.Equal(1L, FromStream(Encoding.UTF8.GetBytes("xx{\"a\": 1}"), 4, 2)["a"]);
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_refused_by_the_stream_overload_and_read_whole_by_the_format()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"a\": [1, 2.5, \"x\"]}");
        Assert.Throws<ArgumentException>(() => JsonModelReader.ReadDocument(new ForwardOnlyStream(bytes), DocumentLimits.Default));
        Assert.Equal(JsonMapFormat.Instance.Read(bytes), JsonMapFormat.Instance.Read(new ForwardOnlyStream(bytes)));
    }

    [Fact]
    public void A_json_file_is_loaded_through_the_window_with_its_line_and_column_in_errors()
    {
        string file = Path.Combine(Path.GetTempPath(), $"xmm-stream-{Guid.NewGuid():N}.json");
        try
        {
            var text = new StringBuilder("{\n");
            for (int i = 0; i < 20_000; i++) text.Append($"  \"layer_{i:D5}\": {{\"units\": {i}, \"act\": \"gelu\"}},\n");
            File.WriteAllText(file, text.ToString() + "  \"end\": true\n}\n");
            var config = MapFile.Load(file);
            Assert.Equal(20_001, config.Count);
            Assert.Equal(19_999L, config.GetPath("layer_19999.units"));
            File.WriteAllText(file, text.ToString() + "  \"end\": tru\n}\n");
            var e = Assert.Throws<MapFormatException>(() => MapFile.Load(file));
            // Column 13 is the newline where the reader expected the "e" of true.
            Assert.Equal($"{file}:20002:13: json: at end: 'tru' is an invalid JSON literal. Expected the literal 'true'", e.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
