using Xmmutablemap.Serialization.Yaml;
using static Xmmutablemap.Serialization.Tests.TestSupport;

namespace Xmmutablemap.Serialization.Tests;

/// <summary>YAML that Python tools write must load, to exactly the value PyYAML reads back.</summary>
public class YamlRealWorldTests
{
    private static ImmutableMap<string, object?> Read(string yaml) => YamlMapFormat.Instance.Read(Bytes(yaml));

    [Fact]
    public void A_long_key_in_a_flow_mapping_as_PyYAML_writes_it_loads()
    {
        // yaml.safe_dump({"k" * 130: 1, "x": {"k" * 130: [1, 2]}}, default_flow_style=None) in older PyYAML.
        string key = new('k', 130);
        var map = Read($"x: {{? {key}\n  : [1, 2]}}\n");
        var inner = (ImmutableMap<string, object?>)map["x"]!;
        Assert.Equal(new object?[] { 1L, 2L }, ((System.Collections.Immutable.ImmutableArray<object?>)inner[key]!).ToArray());
    }

    [Theory]
    [InlineData("{? k\n  : 1}", "ImmutableMap({\"k\": 1})")]
    [InlineData("{a: 1, ? b\n : 2}", "ImmutableMap({\"a\": 1, \"b\": 2})")]
    [InlineData("[? a\n : b]", "[ImmutableMap({\"a\": \"b\"})]")]
    [InlineData("{? a\n}", "ImmutableMap({\"a\": null})")]
    [InlineData("{? a\n : b, c: d}", "ImmutableMap({\"a\": \"b\", \"c\": \"d\"})")]
    [InlineData("{? \"q\"\n : [1,\n 2], r: {? s\n : t}}", "ImmutableMap({\"q\": [1, 2], \"r\": ImmutableMap({\"s\": \"t\"})})")]
    public void Explicit_flow_keys_with_the_colon_on_the_next_line_read_as_PyYAML_reads_them(string flow, string expected)
    {
        // Each expected value is what PyYAML 6.0 and ruamel.yaml give for the same text.
        Assert.Equal(expected, ModelValue.Format(Read("v: " + flow + "\n")["v"]));
    }

    [Theory]
    [InlineData("{a: 1, b: [x, y], c: {d: e}}")]
    [InlineData("[a, {b: c}, [d]]")]
    [InlineData("{? a : b}")]
    [InlineData("{\"a\": 1, 'b': 2}")]
    [InlineData("[a: b, c]")]
    [InlineData("{a, b: c}")]
    public void Ordinary_flow_collections_read_as_before(string flow)
    {
        // Read once through the shim and once through YamlDotNet's parser alone: the same events.
        var plain = new YamlDotNet.Core.Parser(new StringReader(flow));
        var shimmed = YamlModelReader.CreateParser(flow);
        while (true)
        {
            bool a = plain.MoveNext(), b = shimmed.MoveNext();
            Assert.Equal(a, b);
            if (!a) break;
            Assert.Equal(plain.Current!.ToString(), shimmed.Current!.ToString());
        }
    }

    [Theory]
    // YAML 1.2 allows the ':' of a flow mapping entry on the next line (yaml-test-suite 4MUZ, 5MUD); PyYAML,
    // a YAML 1.1 reader, refuses these, so no Python tool writes them, but they are valid YAML 1.2.
    [InlineData("{a\n: b}", "ImmutableMap({\"a\": \"b\"})")]
    [InlineData("{\"foo\"\n: \"bar\"}", "ImmutableMap({\"foo\": \"bar\"})")]
    [InlineData("{ \"foo\"\n  :bar }", "ImmutableMap({\"foo\": \"bar\"})")]
    public void A_flow_mapping_colon_on_the_line_after_its_key_reads_as_YAML_1_2_says(string flow, string expected)
    {
        Assert.Equal(expected, ModelValue.Format(Read("v: " + flow + "\n")["v"]));
    }

    [Fact]
    public void A_flow_sequence_pair_whose_key_spans_lines_is_still_refused()
    {
        // An implicit key in a flow sequence must be on one line (YAML 1.2, and PyYAML agrees).
        var e = Assert.Throws<MapFormatException>(() => Read("v: [a\n: b]\n"));
        Assert.Equal("<input>:2:1: yaml: at v[0]: While parsing a flow sequence, did not find expected ',' or ']'", e.Message);
    }

    [Theory]
    // The issue reported these as wrong values; PyYAML 6.0 and ruamel.yaml read exactly these (checked in
    // tests/interop), and so does the YAML 1.2 spec: at the end of input there is no line break to keep.
    [InlineData("foo: |\n  x\n   ", "x\n ")]
    [InlineData("foo: |\n  x\n   \n", "x\n \n")]
    [InlineData("foo: |+\n  x\n\n  ", "x\n\n")]
    [InlineData("foo: >\n  x\n   ", "x\n ")]
    [InlineData("foo: |\n  x", "x")]
    public void Block_scalars_at_the_end_of_a_file_read_as_PyYAML_reads_them(string yaml, string expected)
    {
        Assert.Equal(expected, Read(yaml)["foo"]);
    }

    [Fact]
    public void A_keep_block_scalar_of_spaces_only_at_the_end_of_a_file_reads_as_PyYAML_reads_it()
    {
        Assert.Equal("", ((System.Collections.Immutable.ImmutableArray<object?>)Read("a:\n- |+\n   ")["a"]!)[0]);
    }
}
