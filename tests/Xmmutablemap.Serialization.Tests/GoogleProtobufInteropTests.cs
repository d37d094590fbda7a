using System.Collections.Immutable;
using Google.Protobuf;
using Xmmutablemap.Serialization.Protobuf;
using Xmmutablemap.Testing;
using CsCheck;
using Wire = Xmmutablemap.V1;

namespace Xmmutablemap.Serialization.Tests;

/// <summary>
/// A second implementation reads our protobuf: Google.Protobuf with code that protoc generated from
/// schemas/xmmutablemap.proto at build time (Grpc.Tools). It must parse what we write into the same
/// values, and we must read what it writes.
/// </summary>
public class GoogleProtobufInteropTests
{
    [Fact]
    public void Google_parses_our_bytes_into_the_same_values_and_we_read_its_bytes()
    {
        ModelGen.Document.Sample(document =>
        {
            byte[] ours = ProtobufMapFormat.Instance.WriteToArray(document);
            var google = Wire.Map.Parser.ParseFrom(ours);
            Assert.Equal(document, (ImmutableMap<string, object?>)FromGoogle(google));
            // Google re-serializes field by field in the same order: byte-identical output.
            Assert.Equal(ours, google.ToByteArray());

            var built = ToGoogle(document);
            var read = ProtobufMapFormat.Instance.Read(built.ToByteArray());
            Assert.Equal(document, read);
            Assert.Equal(document.ContentHash, read.ContentHash);
        }, iter: 150);
    }

    // Our writer records every message's size in a table first; past 262,144 messages that table outgrows the
    // pooled sizes and is allocated on its own. Google must still parse the same values from the bytes.
    [Fact]
    public void A_document_of_more_messages_than_the_pooled_size_table_holds_is_written_whole()
    {
        var document = ImmutableMap.CreateRange(Enumerable.Range(0, 70_000).Select(i => KeyValuePair.Create(
            $"k{i:D6}", (object?)ImmutableArray.Create<object?>(i, -i))));
        byte[] ours = ProtobufMapFormat.Instance.WriteToArray(document);
        var google = Wire.Map.Parser.ParseFrom(ours);
        Assert.Equal(70_000, google.Entries.Count);
        Assert.Equal("k069999", google.Entries[69_999].StringKey);
        Assert.Equal(-69_999, google.Entries[69_999].Value.ListValue.Values[1].IntValue);
        Assert.Equal(document, (ImmutableMap<string, object?>)FromGoogle(google));
        Assert.Equal(ours, google.ToByteArray());
    }

    [Fact]
    public void We_read_Googles_unsorted_entries_and_uint_values_to_the_canonical_map()
    {
        var google = new Wire.Map();
        google.Entries.Add(new Wire.Entry { StringKey = "z", Value = new Wire.Value { UintValue = 5 } });
        google.Entries.Add(new Wire.Entry { StringKey = "a", Value = new Wire.Value { FloatValue = 0.5 } });
        var read = ProtobufMapFormat.Instance.Read(google.ToByteArray());
        var expected = ImmutableMap.Of<string, object?>(("a", 0.5), ("z", 5L));
        Assert.Equal(expected, read);
        Assert.Equal(expected.ContentHash, read.ContentHash);
    }

    private static object? FromGoogle(Wire.Value value) => value.KindCase switch
    {
        Wire.Value.KindOneofCase.NullValue => null,
        Wire.Value.KindOneofCase.BoolValue => value.BoolValue,
        Wire.Value.KindOneofCase.IntValue => value.IntValue,
        Wire.Value.KindOneofCase.UintValue => value.UintValue <= long.MaxValue ? (long)value.UintValue : value.UintValue,
        Wire.Value.KindOneofCase.FloatValue => value.FloatValue,
        Wire.Value.KindOneofCase.StringValue => value.StringValue,
        Wire.Value.KindOneofCase.BytesValue => ImmutableArray.Create(value.BytesValue.ToByteArray()),
        Wire.Value.KindOneofCase.ListValue => value.ListValue.Values.Select(FromGoogle).ToImmutableArray(),
        Wire.Value.KindOneofCase.MapValue => FromGoogle(value.MapValue),
        _ => throw new InvalidOperationException("no kind"),
    };

    private static object FromGoogle(Wire.Map map)
    {
        if (map.Entries.Count > 0 && map.Entries[0].KeyCase != Wire.Entry.KeyOneofCase.StringKey)
            return map.Entries.Select(e => KeyValuePair.Create(e.KeyCase == Wire.Entry.KeyOneofCase.IntKey ? e.IntKey : (long)e.UintKey, FromGoogle(e.Value))).ToImmutableMap();
        return map.Entries.Select(e => KeyValuePair.Create(e.StringKey, FromGoogle(e.Value))).ToImmutableMap();
    }

    private static Wire.Map ToGoogle(IImmutableMap map)
    {
        var result = new Wire.Map();
        // Reverse order on purpose: readers must not depend on the writer sorting.
        for (int i = map.Count - 1; i >= 0; i--)
        {
            var entry = new Wire.Entry { Value = ToGoogle(map.GetValue(i)) };
            switch (map.GetKey(i))
            {
                case string s: entry.StringKey = s; break;
                case long l: entry.IntKey = l; break;
            }
            result.Entries.Add(entry);
        }
        return result;
    }

    private static Wire.Value ToGoogle(object? value)
    {
        switch (value)
        {
            case null: return new Wire.Value { NullValue = Wire.NullValue.NullValue };
            case bool b: return new Wire.Value { BoolValue = b };
            case long l: return new Wire.Value { IntValue = l };
            case ulong u: return new Wire.Value { UintValue = u };
            case double d: return new Wire.Value { FloatValue = d };
            case string s: return new Wire.Value { StringValue = s };
            case ImmutableArray<byte> bytes: return new Wire.Value { BytesValue = ByteString.CopyFrom(bytes.AsSpan()) };
            case ImmutableArray<object?> list:
                var pbList = new Wire.List();
                pbList.Values.AddRange(list.Select(ToGoogle));
                return new Wire.Value { ListValue = pbList };
            case IImmutableMap map: return new Wire.Value { MapValue = ToGoogle(map) };
            default: throw new InvalidOperationException(value.GetType().FullName);
        }
    }
}
