using CsCheck;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Testing;
using static Xmmutablemap.Serialization.Tests.TestSupport;

namespace Xmmutablemap.Serialization.Tests;

public class RoundTripPropertyTests
{
    private const int Iterations = 150;

    private static readonly Gen<ImmutableMap<string, object?>> JsonDocument = ModelGen.Document.Where(d => JsonCanCarry(d));

    [Theory]
    [MemberData(nameof(FormatNames), MemberType = typeof(TestSupport))]
    public void Random_maps_round_trip_to_an_equal_map_with_the_same_hash_or_are_refused(string name)
    {
        var format = Format(name);
        ModelGen.Document.Sample(document =>
        {
            byte[] bytes;
            try
            {
                bytes = Write(format, document);
            }
            catch (MapFormatException)
            {
                Assert.False(CanCarry(format, document), "refused a document it can carry");
                return;
            }
            Assert.True(CanCarry(format, document), "wrote a document it cannot carry");
            var back = format.Read(bytes);
            Assert.Equal(document, back);
            Assert.Equal(document.ContentHash, back.ContentHash);
            Assert.Equal(document.ToString(), back.ToString());
        }, iter: Iterations);
    }

    [Fact]
    public void MessagePack_output_equals_the_canonical_bytes_for_random_maps()
    {
        ModelGen.Document.Sample(document =>
            Assert.Equal(document.ToCanonicalBytes(), MessagePackMapFormat.Instance.WriteToArray(document)), iter: Iterations);
    }

    public static TheoryData<string, string> FormatPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var a in Formats)
            foreach (var b in Formats)
                data.Add(a.Name, b.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(FormatPairs))]
    public void Every_pair_of_formats_keeps_the_map_and_its_hash(string from, string to)
    {
        var first = Format(from);
        var second = Format(to);
        JsonDocument.Sample(document =>
        {
            var viaFirst = first.Read(Write(first, document));
            var viaSecond = second.Read(Write(second, viaFirst));
            Assert.Equal(document, viaSecond);
            Assert.Equal(document.ContentHash, viaSecond.ContentHash);
        }, iter: 60);
    }
}
