using System.Text;
using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Serialization.MessagePack;
using Xmmutablemap.Serialization.Protobuf;
using Xmmutablemap.Serialization.Yaml;
using Xmmutablemap.Testing;
using static Xmmutablemap.Serialization.Tests.TestSupport;

namespace Xmmutablemap.Serialization.Tests;

/// <summary>
/// Untrusted input must end in <see cref="MapFormatException"/> carrying the library's own exception,
/// quickly and on a small stack: never a crash, a hang or a silently changed value.
/// </summary>
public class HostileInputTests
{
    public static TheoryData<string> CaseNames() => new(HostileCorpus.Cases.Keys);

    [Fact]
    public void There_are_at_least_12_hostile_inputs_per_format()
    {
        foreach (var format in Formats) Assert.True(HostileCorpus.Cases.Values.Count(c => c.Format == format) >= 12, format.Name);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Hostile_input_ends_in_MapFormatException_quickly_on_a_small_stack(string name)
    {
        var (format, input, expected) = HostileCorpus.Cases[name];
        byte[] bytes = input();
        MapFormatException? error = null;
        OnSmallStack(() => error = Assert.Throws<MapFormatException>(() => format.Read(bytes)));
        Assert.Contains(expected, error!.Message);
        // One line that names the trouble, never an echo of the document.
        Assert.True(error.Message.Length <= 400 && !error.Message.Contains('\n'), $"{error.Message.Length} chars: {error.Message[..Math.Min(400, error.Message.Length)]}");
        Assert.Equal(format.Name, error.Format);
        Assert.NotNull(error.InnerException);
        Type native = format.Name switch
        {
            "json" => typeof(System.Text.Json.JsonException),
            "yaml" => typeof(YamlDotNet.Core.YamlException),
            "msgpack" => typeof(global::MessagePack.MessagePackSerializationException),
            _ => typeof(ProtoBuf.ProtoException),
        };
        Assert.IsAssignableFrom(native, error.InnerException);
        Assert.True(error.Line is not null || error.ByteOffset is not null, "no position: " + error.Message);
    }
}
