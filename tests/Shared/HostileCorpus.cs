using System.Text;
using Xmmutablemap.Serialization;
using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Protobuf;
using Xmmutablemap.Serialization.Yaml;

namespace Xmmutablemap.Testing;

/// <summary>
/// The hostile-input corpus: per format, documents that must end in a clear error naming the position (deep
/// nesting, billion laughs, lying length headers, duplicates, invalid UTF-8...), with a piece of the expected
/// message. Shared by the readers' tests and the HTTP tests, which send each one as a request body.
/// </summary>
internal static class HostileCorpus
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Hex(string s) => Convert.FromHexString(s);

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static readonly Dictionary<string, (IMapFormat Format, Func<byte[]> Input, string Expected)> Cases = new()
    {
        // JSON
        ["json: 100k nested arrays"] = (JsonMapFormat.Instance, () => Utf8("{\"a\":" + new string('[', 100_000)), "deeper than the limit of 64"),
        ["json: 65 nested objects"] = (JsonMapFormat.Instance, () => Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 65)) + "1" + new string('}', 65)), "deeper than the limit of 64"),
        ["json: duplicate key"] = (JsonMapFormat.Instance, () => Utf8("{\"a\": 1, \"a\": 2}"), "the key \"a\" appears more than once"),
        ["json: nested duplicate key"] = (JsonMapFormat.Instance, () => Utf8("{\"m\": {\"x\": 1, \"x\": 1}}"), "at m.x: the key \"x\" appears more than once"),
        ["json: float overflow"] = (JsonMapFormat.Instance, () => Utf8("{\"a\": 1e400}"), "overflows a 64-bit float"),
        ["json: integer above 2^64-1"] = (JsonMapFormat.Instance, () => Utf8("{\"a\": 18446744073709551616}"), "outside the range"),
        ["json: integer below -2^63"] = (JsonMapFormat.Instance, () => Utf8("{\"a\": -9223372036854775809}"), "outside the range"),
        ["json: trailing data"] = (JsonMapFormat.Instance, () => Utf8("{} {}"), "1:4"),
        ["json: truncated"] = (JsonMapFormat.Instance, () => Utf8("{\"a\": [1, 2"), "json:"),
        ["json: invalid UTF-8"] = (JsonMapFormat.Instance, () => Concat(Utf8("{\"a\": \""), [0xff, 0xfe], Utf8("\"}")), "json:"),
        ["json: lone surrogate escape"] = (JsonMapFormat.Instance, () => Utf8("{\"a\": \"\\ud800\"}"), "not valid Unicode"),
        ["json: top-level array"] = (JsonMapFormat.Instance, () => Utf8("[1]"), "the top level must be an object"),
        ["json: empty input"] = (JsonMapFormat.Instance, () => [], "json:"),
        ["json: comment"] = (JsonMapFormat.Instance, () => Utf8("{/* no */}"), "json:"),
        ["json: NaN literal"] = (JsonMapFormat.Instance, () => Utf8("{\"a\": NaN}"), "json:"),
        // System.Text.Json's own message quotes all the text after a bad literal: here half a megabyte.
        // Long text from the document is quoted cut, in the reason and in the path, never whole.
        ["json: 200,000-character duplicate key"] = (JsonMapFormat.Instance, () => Utf8("{\"" + new string('k', 200_000) + "\": 1, \"" + new string('k', 200_000) + "\": 2}"),
            "the key \"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\u2026kkkkkkkkkkkkkkkkkkkkkk\" (200,002 characters) appears more than once (first at line 1, column 2)"),
        ["json: 200,000-digit integer"] = (JsonMapFormat.Instance, () => Utf8("{\"a\": " + new string('9', 200_000) + "}"),
            "at a: the integer 9999999999999999999999999999999999999999\u202699999999999999999999999 (200,000 characters) is outside the range"),
        ["json: bad literal before 500 KB"] = (JsonMapFormat.Instance, () => Utf8("{\"a\": tru, \"b\": \"" + new string('x', 500_000) + "\"}"), "at a: 'tru' is an invalid JSON literal. Expected the literal 'true'"),

        // YAML
        ["yaml: 100k nested flow sequences"] = (YamlMapFormat.Instance, () => Utf8("a: " + new string('[', 100_000)), "deeper than the limit of 64"),
        ["yaml: 65 nested mappings"] = (YamlMapFormat.Instance, () => Utf8(string.Concat(Enumerable.Repeat("{a: ", 65)) + "1" + new string('}', 65)), "deeper than the limit of 64"),
        ["yaml: duplicate key"] = (YamlMapFormat.Instance, () => Utf8("a: 1\nb: 2\na: 3\n"), "3:1: yaml: at a: the key \"a\" appears more than once"),
        // Found by fuzzing: these escaped from YamlDotNet as ArgumentOutOfRangeException/ArgumentException and crashed the CLI.
        ["yaml: out-of-range 32-bit escape"] = (YamlMapFormat.Instance, () => Utf8("a: \"\\UFFFFFFFF\""), "1:15: yaml: the YAML is malformed here (A valid UTF32 value is between 0x000000 and 0x10ffff, inclusive, and should not include surrogate codepoint values"),
        ["yaml: empty verbatim tag"] = (YamlMapFormat.Instance, () => Utf8("a: !<> x"), "1:7: yaml: the YAML is malformed here (Tag value must not be empty)"),
        ["yaml: verbatim tag that is not a URI"] = (YamlMapFormat.Instance, () => Utf8("a: !<tag:yaml.]rg,2002:str> x"), "1:28: yaml: the YAML is malformed here (Global tags must be valid URIs)"),
        ["yaml: billion laughs"] = (YamlMapFormat.Instance, BillionLaughs, "aliases add more than 1000000 values"),
        ["yaml: self-referencing alias"] = (YamlMapFormat.Instance, () => Utf8("a: &x [*x]\n"), "refers to no complete anchor"),
        ["yaml: unknown alias"] = (YamlMapFormat.Instance, () => Utf8("a: *nope\n"), "yaml:"),
        ["yaml: 200,000-character alias"] = (YamlMapFormat.Instance, () => Utf8("a: *" + new string('k', 200_000) + "\n"),
            "at a: the alias *kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\u2026kkkkkkkkkkkkkkkkkkkkkkk (200,000 characters) refers to no complete anchor"),
        ["yaml: 200,000-character tag"] = (YamlMapFormat.Instance, () => Utf8("a: !" + new string('k', 200_000) + " x\n"),
            "at a: the tag !kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\u2026kkkkkkkkkkkkkkkkkkkkkkk (200,001 characters) is not supported"),
        ["yaml: unknown tag"] = (YamlMapFormat.Instance, () => Utf8("a: !secret 1\n"), "is not supported"),
        ["yaml: python object tag"] = (YamlMapFormat.Instance, () => Utf8("a: !!python/object:os.system x\n"), "is not supported"),
        ["yaml: two documents"] = (YamlMapFormat.Instance, () => Utf8("a: 1\n---\nb: 2\n"), "more than one document"),
        ["yaml: invalid UTF-8"] = (YamlMapFormat.Instance, () => Concat(Utf8("a: "), [0xc3, 0x28], Utf8("\n")), "not valid UTF-8"),
        ["yaml: integer overflow"] = (YamlMapFormat.Instance, () => Utf8("a: 18446744073709551616\n"), "outside the range"),
        ["yaml: float overflow"] = (YamlMapFormat.Instance, () => Utf8("a: 1e400\n"), "overflows"),
        ["yaml: top-level scalar"] = (YamlMapFormat.Instance, () => Utf8("just text\n"), "the top level must be a mapping"),
        ["yaml: empty document"] = (YamlMapFormat.Instance, () => [], "the document is empty"),
        ["yaml: collection key"] = (YamlMapFormat.Instance, () => Utf8("? [1]\n: x\n"), "a mapping key must be a string or an integer"),
        ["yaml: syntax error"] = (YamlMapFormat.Instance, () => Utf8("a: [1, 2\nb: 3\n"), "yaml:"),
        ["yaml: bad base64"] = (YamlMapFormat.Instance, () => Utf8("a: !!binary '***'\n"), "not valid base64"),

        // MessagePack
        ["msgpack: 100k nested arrays"] = (MessagePackMapFormat.Instance, () => Concat(Hex("81a161"), Enumerable.Repeat((byte)0x91, 100_000).ToArray(), [0xc0]), "deeper than the limit of 64"),
        ["msgpack: array header claims 2^32-1 items"] = (MessagePackMapFormat.Instance, () => Hex("81a161ddffffffff"), "at a: the input ends"),
        ["msgpack: map header claims 2^32-1 entries"] = (MessagePackMapFormat.Instance, () => Hex("dfffffffff"), "the input ends"),
        ["msgpack: string length beyond the input"] = (MessagePackMapFormat.Instance, () => Hex("81a161dbffffffff41"), "ends in the middle"),
        ["msgpack: ext type"] = (MessagePackMapFormat.Instance, () => Hex("81a161d40100"), "ext types"),
        ["msgpack: trailing bytes"] = (MessagePackMapFormat.Instance, () => Hex("80c0"), "byte 1: msgpack: there is more data"),
        ["msgpack: truncated"] = (MessagePackMapFormat.Instance, () => Hex("82a16101"), "the input ends"),
        ["msgpack: invalid UTF-8"] = (MessagePackMapFormat.Instance, () => Hex("81a161a2c328"), "not valid UTF-8"),
        ["msgpack: 100,000-character duplicate key under a 100,000-character key"] = (MessagePackMapFormat.Instance,
            () => Concat(Hex("81db000186a0"), Utf8(new string('p', 100_000)), Hex("82db000186a0"), Utf8(new string('k', 100_000)), [0x01], Hex("db000186a0"), Utf8(new string('k', 100_000)), [0x02]),
            "at ppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp\u2026kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk (200,001 characters): the key \"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\u2026kkkkkkkkkkkkkkkkkkkkkk\" (100,002 characters) appears more than once"),
        ["msgpack: duplicate key"] = (MessagePackMapFormat.Instance, () => Hex("82a16101a16102"), "appears more than once"),
        ["msgpack: top-level array"] = (MessagePackMapFormat.Instance, () => Hex("9101"), "the top level must be a map"),
        ["msgpack: integer keys at the top"] = (MessagePackMapFormat.Instance, () => Hex("810101"), "string keys"),
        ["msgpack: nil key"] = (MessagePackMapFormat.Instance, () => Hex("81c001"), "a map key must be a string or an integer"),
        ["msgpack: float key"] = (MessagePackMapFormat.Instance, () => Hex("81a16181cb000000000000000001"), "a map key must be a string or an integer"),
        ["msgpack: empty input"] = (MessagePackMapFormat.Instance, () => [], "empty"),
        ["msgpack: never-used byte 0xc1"] = (MessagePackMapFormat.Instance, () => Hex("81a161c1"), "msgpack:"),

        // protobuf
        ["protobuf: 2000 nested lists"] = (ProtobufMapFormat.Instance, () => NestedProtobufLists(2000), "deeper than the limit of 64"),
        ["protobuf: length beyond the input"] = (ProtobufMapFormat.Instance, () => Hex("0affffffff0f0a"), "runs past the end"),
        ["protobuf: field tag of 6 bytes"] = (ProtobufMapFormat.Instance, () => Hex("88888888880038"), "byte 0: protobuf: a field tag is longer than 5 bytes"),
        ["protobuf: varint of 11 bytes"] = (ProtobufMapFormat.Instance, () => Hex("10ffffffffffffffffffff01"), "varint"),
        ["protobuf: truncated varint"] = (ProtobufMapFormat.Instance, () => Hex("0a080a01612203188080"), "ends in the middle"),
        ["protobuf: duplicate key"] = (ProtobufMapFormat.Instance, () => Hex("0a070a016122021802" + "0a070a016122021804"), "appears more than once"),
        ["protobuf: value with two kinds"] = (ProtobufMapFormat.Instance, () => Hex("0a090a0161220418021001"), "more than one kind"),
        ["protobuf: entry without key"] = (ProtobufMapFormat.Instance, () => Hex("0a0422021802"), "value comes before its key"),
        ["protobuf: entry without value"] = (ProtobufMapFormat.Instance, () => Hex("0a030a0161"), "has no value"),
        ["protobuf: value without kind"] = (ProtobufMapFormat.Instance, () => Hex("0a050a01612200"), "sets no kind"),
        ["protobuf: invalid UTF-8 key"] = (ProtobufMapFormat.Instance, () => Hex("0a080a02c32822021802"), "not valid UTF-8"),
        ["protobuf: group wire type"] = (ProtobufMapFormat.Instance, () => Hex("130c"), "groups"),
        ["protobuf: wrong wire type for entries"] = (ProtobufMapFormat.Instance, () => Hex("0801"), "wrong wire type"),
        ["protobuf: null_value other than 0"] = (ProtobufMapFormat.Instance, () => Hex("0a070a016122020801"), "NULL_VALUE"),
        ["protobuf: integer keys at the top"] = (ProtobufMapFormat.Instance, () => Hex("0a06100222021802"), "string keys"),
    };

    private static byte[] BillionLaughs()
    {
        var yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++)
            yaml.Append($"{c}: &{c} [{string.Join(",", Enumerable.Repeat("*" + (char)(c - 1), 9))}]\n");
        return Utf8(yaml.ToString());
    }

    // Value{ list_value: List{ values: Value{ list_value: ... } } }, nested from the inside out.
    private static byte[] NestedProtobufLists(int depth)
    {
        byte[] value = Hex("0800"); // Value{ null_value: NULL_VALUE }
        for (int i = 0; i < depth; i++)
        {
            byte[] list = Delimited(0x0a, value);  // List.values = 1
            value = Delimited(0x42, list);         // Value.list_value = 8
        }
        byte[] entry = Concat(Hex("0a0161"), Delimited(0x22, value));
        return Delimited(0x0a, entry);
    }

    private static byte[] Delimited(byte tag, byte[] body)
    {
        var length = new List<byte>();
        ulong n = (ulong)body.Length;
        while (n >= 0x80) { length.Add((byte)(n | 0x80)); n >>= 7; }
        length.Add((byte)n);
        return Concat([tag], length.ToArray(), body);
    }
}
