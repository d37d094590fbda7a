using CsCheck;
using System.Collections.Immutable;
using Xmmutablemap.Documents;

namespace Xmmutablemap.Tests;

/// <summary>The public toolkit readers build maps with: each rule of the data model, once, with exact messages.</summary>
public class DocumentToolkitTests
{
    private static DocumentPath PathOf(params object[] segments)
    {
        var path = new DocumentPath();
        foreach (var segment in segments)
        {
            if (segment is int index) path.PushIndex(index);
            else path.PushKey(segment);
        }
        return path;
    }

    [Fact]
    public void A_duplicate_key_names_the_key_and_both_positions()
    {
        var entries = DocumentMapBuilder.Rent();
        var path = PathOf("optimizer");
        entries.Add("lr", 0.1, path, DocumentPosition.AtLine(2, 3));
        entries.Add("momentum", 0.9, path, DocumentPosition.AtLine(3, 3));
        entries.Add("lr", 0.2, path, DocumentPosition.AtLine(4, 3));
        var e = Assert.Throws<DocumentException>(() => entries.ToMap(path));
        Assert.Equal("optimizer.lr", e.Path);
        Assert.Equal(DocumentPosition.AtLine(4, 3), e.Position);
        Assert.Equal("at optimizer.lr, line 4, column 3: the key \"lr\" appears more than once (first at line 2, column 3)", e.Message);
    }

    [Fact]
    public void Long_document_text_is_quoted_by_its_start_and_end_with_its_length()
    {
        Assert.Equal("lr", DocumentException.Excerpt("lr"));
        string exactly = new('a', 64);
        Assert.Same(exactly, DocumentException.Excerpt(exactly));
        Assert.Equal(new string('a', 40) + "\u2026" + new string('c', 23) + " (1,063 characters)",
            DocumentException.Excerpt(new string('a', 40) + new string('b', 1000) + new string('c', 23)));
        // A surrogate pair is never cut in half: the head gives up its high surrogate, the tail its low one.
        string pairs = new string('a', 39) + "\U0001F600" + new string('b', 100) + "\U0001F600" + new string('c', 22);
        Assert.Equal(new string('a', 39) + "\u2026" + new string('c', 22) + " (165 characters)", DocumentException.Excerpt(pairs));
        Assert.Equal("abcdefghij\u2026nopqr (18 characters)", DocumentException.Excerpt("abcdefghijklmnopqr", 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => DocumentException.Excerpt("x", 15));
    }

    [Fact]
    public void A_long_key_is_cut_in_the_message_and_kept_whole_in_the_path()
    {
        string key = new('k', 10_000);
        var entries = DocumentMapBuilder.Rent();
        var path = PathOf("layers");
        entries.Add(key, 1L, path, DocumentPosition.AtLine(2, 3));
        entries.Add(key, 2L, path, DocumentPosition.AtLine(3, 3));
        var e = Assert.Throws<DocumentException>(() => entries.ToMap(path));
        Assert.Equal("layers." + key, e.Path);
        Assert.Equal("the key \"" + new string('k', 39) + "\u2026" + new string('k', 22) + "\" (10,002 characters) appears more than once (first at line 2, column 3)", e.Reason);
        Assert.Equal("at layers." + new string('k', 68) + "\u2026" + new string('k', 44) + " (10,007 characters), line 3, column 3: " + e.Reason, e.Message);
    }

    [Fact]
    public void A_typed_builder_finds_duplicates_the_same_way_and_builds_in_canonical_order()
    {
        var entries = new DocumentMapBuilder<int, string>();
        entries.Add(3, "c", DocumentPosition.AtByte(7));
        entries.Add(1, "a", DocumentPosition.AtByte(9));
        Assert.Equal("ImmutableMap({1: \"a\", 3: \"c\"})", entries.ToImmutable(new DocumentPath()).ToString());
        entries.Add(1, "a", DocumentPosition.AtByte(1));
        entries.Add(1, "b", DocumentPosition.AtByte(5));
        var e = Assert.Throws<DocumentException>(() => entries.ToImmutable(new DocumentPath()));
        Assert.Equal("at [1], byte 5: the key 1 appears more than once (first at byte 1)", e.Message);
    }

    [Fact]
    public void Integer_keys_are_normalized_and_kinds_do_not_mix()
    {
        var path = new DocumentPath();
        var entries = DocumentMapBuilder.Rent();
        entries.Add(2, "two", path);
        entries.Add((byte)1, "one", path);
        var map = Assert.IsType<ImmutableMap<long, object?>>(entries.ToMap(path));
        Assert.Equal(new[] { 1L, 2L }, map.Keys.ToArray());

        var mixed = DocumentMapBuilder.Rent();
        mixed.Add("a", 1L, path);
        var e = Assert.Throws<DocumentException>(() => mixed.Add(2L, 2L, path, DocumentPosition.AtLine(3, 1)));
        Assert.Equal("at [2], line 3, column 1: a map mixes string and integer keys", e.Message);
        mixed.ToMap(path);

        var huge = DocumentMapBuilder.Rent();
        e = Assert.Throws<DocumentException>(() => huge.Add(ulong.MaxValue, 1L, path));
        Assert.Equal("the integer key 18446744073709551615 is above 9223372036854775807, the largest integer key a document may have", e.Message);
        huge.ToMap(path);

        var list = DocumentMapBuilder.Rent();
        e = Assert.Throws<DocumentException>(() => list.Add(1.5, 1L, PathOf("m")));
        Assert.Equal("at m: a map key must be a string or an integer, not 1.5", e.Message);
        list.ToMap(path);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    [InlineData("1.0", 1.0)]
    [InlineData("1e-3", 0.001)]
    [InlineData("-0.0", -0.0)]
    public void Number_text_keeps_integers_and_floats_apart(string text, object expected)
    {
        var value = ModelNumbers.ParseNumber(System.Text.Encoding.UTF8.GetBytes(text), new DocumentPath());
        Assert.Equal(expected.GetType(), value.GetType());
        Assert.Equal(expected, value);
        Assert.Equal(expected, ModelNumbers.ParseNumber(text.AsSpan(), new DocumentPath()));
    }

    [Fact]
    public void Plain_decimals_read_as_exactly_the_double_the_runtime_parses()
    {
        // Up to 15 digits take a fast path; the expected value is the runtime's own parser's, compared bit for bit.
        Gen.Select(Gen.Bool, Gen.String[Gen.Char['0', '9'], 1, 10], Gen.String[Gen.Char['0', '9'], 1, 12])
            .Where((_, whole, _) => whole.Length == 1 || whole[0] != '0')
            .Sample((negative, whole, fraction) =>
            {
                string text = (negative ? "-" : "") + whole + "." + fraction;
                double expected = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                var value = Assert.IsType<double>(ModelNumbers.ParseNumber(System.Text.Encoding.UTF8.GetBytes(text), new DocumentPath()));
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
            }, iter: 20_000);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits((double)ModelNumbers.ParseNumber("-0.000"u8, new DocumentPath())));
        Assert.Equal(0.1 + 0.2 - 0.2, (double)ModelNumbers.ParseNumber("0.10000000000000003"u8, new DocumentPath())); // 17 digits: the general parser
    }

    [Theory]
    [InlineData("18446744073709551616", "at x, byte 4: the integer 18446744073709551616 is outside the range -2^63..2^64-1")]
    [InlineData("-9223372036854775809", "at x, byte 4: the integer -9223372036854775809 is outside the range -2^63..2^64-1")]
    [InlineData("1e400", "at x, byte 4: the number 1e400 overflows a 64-bit float")]
    public void Number_text_out_of_the_model_is_an_error_never_a_changed_value(string text, string message)
    {
        var e = Assert.Throws<DocumentException>(() => ModelNumbers.ParseNumber(System.Text.Encoding.UTF8.GetBytes(text), PathOf("x"), DocumentPosition.AtByte(4)));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Non_integer_text_is_not_called_out_of_range()
    {
        var e = Assert.Throws<DocumentException>(() => ModelNumbers.ParseInteger("abc", new DocumentPath()));
        Assert.Equal("\"abc\" is not an integer", e.Message);
    }

    [Fact]
    public void Small_integers_and_booleans_share_boxes()
    {
        Assert.Same(ModelNumbers.Integer(7L), ModelNumbers.Integer(7UL));
        Assert.Same(ModelNumbers.Bool(true), ModelNumbers.Bool(true));
        Assert.IsType<ulong>(ModelNumbers.Integer(ulong.MaxValue));
        Assert.IsType<long>(ModelNumbers.Integer((ulong)long.MaxValue));
    }

    [Fact]
    public void Text_must_be_unicode_scalar_values()
    {
        Assert.True(ModelText.HasLoneSurrogate("a\uD800"));
        Assert.False(ModelText.HasLoneSurrogate("a\U0001F600"));
        var e = Assert.Throws<DocumentException>(() => ModelText.CheckString("\uDC00", PathOf("s"), DocumentPosition.AtLine(1, 4)));
        Assert.Equal("at s, line 1, column 4: the string contains a lone surrogate, which is not a Unicode scalar value", e.Message);
        Assert.Null(ModelText.TryDecodeUtf8([0x61, 0xff]));
        Assert.Equal(1, ModelText.IndexOfInvalidUtf8([0x61, 0xff]));
        Assert.Equal("é", ModelText.DecodeUtf8([0xc3, 0xa9], new DocumentPath()));
    }

    [Fact]
    public void Depth_is_checked_on_entering_a_collection()
    {
        var limits = new DocumentLimits { MaxDepth = 2 };
        limits.EnterCollection(PathOf("a"));
        var e = Assert.Throws<DocumentException>(() => limits.EnterCollection(PathOf("a", 0), DocumentPosition.AtByte(3)));
        Assert.Equal("at a[0], byte 3: nesting is deeper than the limit of 2", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentLimits { MaxDepth = 0 });
    }

    [Fact]
    public void The_alias_budget_counts_only_what_aliases_add()
    {
        var budget = new AliasBudget(new DocumentLimits { MaxAliasExpansion = 10 });
        budget.Spend(6, new DocumentPath());
        budget.Spend(4, new DocumentPath());
        var e = Assert.Throws<DocumentException>(() => budget.Spend(1, PathOf("b"), DocumentPosition.AtLine(5, 4)));
        Assert.Equal("at b, line 5, column 4: aliases add more than 10 values to the document (an alias bomb?)", e.Message);
    }

    [Theory]
    [InlineData(7L, typeof(int), 7)]
    [InlineData(255L, typeof(byte), (byte)255)]
    [InlineData(ulong.MaxValue, typeof(ulong), ulong.MaxValue)]
    [InlineData(0.5, typeof(float), 0.5f)]
    public void Conversions_keep_the_value(object value, Type type, object expected)
    {
        object? result = type == typeof(int) ? Convert<int>(value) : type == typeof(byte) ? Convert<byte>(value) : type == typeof(ulong) ? Convert<ulong>(value) : Convert<float>(value);
        Assert.Equal(expected, result);
    }

    private static object? Convert<T>(object value) => ModelConversions.TryConvert<T>(value, out var result) ? result : "refused";

    [Fact]
    public void Conversions_that_would_lose_or_change_the_value_are_refused()
    {
        Assert.Equal("refused", Convert<int>(1L << 40));
        Assert.Equal("refused", Convert<byte>(-1L));
        Assert.Equal("refused", Convert<double>(1L));       // an integer is never a float
        Assert.Equal("refused", Convert<long>(1.0));        // nor a float an integer
        Assert.Equal("refused", Convert<long>("1"));        // nor text a number
        Assert.Equal("refused", Convert<float>(0.1));       // 0.1 is not exactly a float32
        var e = Assert.Throws<DocumentException>(() => ModelConversions.Convert<short>(70000L, PathOf("k")));
        Assert.Equal("at k: 70000 does not fit Int16", e.Message);
    }

    [Fact]
    public void The_marshal_hands_owned_arrays_over_without_copying_when_already_canonical()
    {
        string[] keys = ["a", "b"];
        object?[] values = [1L, 2L];
        Assert.True(ImmutableMapMarshal.TryCreateFromOwnedArrays(keys, values, out var map, out int duplicate));
        Assert.Equal(-1, duplicate);
        Assert.Same(values, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(map.Values));
        Assert.False(ImmutableMapMarshal.TryCreateFromOwnedArrays<string, int>(["x", "y", "x"], [1, 2, 3], out _, out duplicate));
        Assert.Equal(2, duplicate);
    }

    [Fact]
    public void Lists_are_built_exact_size()
    {
        var items = DocumentListBuilder.Rent();
        items.Add(1L);
        items.Add("two");
        ImmutableArray<object?> list = items.ToImmutable();
        Assert.Equal(new object?[] { 1L, "two" }, list.ToArray());
    }
}
