namespace Xmmutablemap.AspNetCore.Tests;

/// <summary>Accept headers to the formats chosen, best first, with the media type answered.</summary>
public class NegotiationTests
{
    private static string Choices(string? accept) =>
        string.Join(" ", MapContentNegotiation.Negotiate(accept).Select(c => c.Format.Name + "=" + c.MediaType));

    [Theory]
    [InlineData(null, "json=application/json yaml=application/yaml msgpack=application/msgpack protobuf=application/x-protobuf")]
    [InlineData("*/*", "json=application/json yaml=application/yaml msgpack=application/msgpack protobuf=application/x-protobuf")]
    [InlineData("application/yaml", "yaml=application/yaml")]
    [InlineData("text/yaml", "yaml=text/yaml")]
    [InlineData("application/x-msgpack", "msgpack=application/x-msgpack")]
    [InlineData("application/json;q=0.1, application/yaml", "yaml=application/yaml json=application/json")]
    [InlineData("application/msgpack;q=0.5, application/x-protobuf;q=0.9", "protobuf=application/x-protobuf msgpack=application/msgpack")]
    [InlineData("application/yaml, application/json", "yaml=application/yaml json=application/json")]
    [InlineData("*/*;q=0.1, application/x-protobuf", "protobuf=application/x-protobuf json=application/json yaml=application/yaml msgpack=application/msgpack")]
    [InlineData("*/*, application/json;q=0", "yaml=application/yaml msgpack=application/msgpack protobuf=application/x-protobuf")]
    [InlineData("application/*;q=0.5, text/yaml", "yaml=text/yaml json=application/json msgpack=application/msgpack protobuf=application/x-protobuf")]
    [InlineData("text/html", "")]
    [InlineData("application/json;q=0", "")]
    [InlineData("text/html, application/xhtml+xml, */*;q=0.8", "json=application/json yaml=application/yaml msgpack=application/msgpack protobuf=application/x-protobuf")]
    public void Accept_chooses_formats_in_order(string? accept, string expected) => Assert.Equal(expected, Choices(accept));

    [Theory]
    [InlineData("application/json", "json")]
    [InlineData("application/json; charset=utf-8", "json")]
    [InlineData("APPLICATION/YAML", "yaml")]
    [InlineData("application/x-yaml", "yaml")]
    [InlineData("application/vnd.msgpack", "msgpack")]
    [InlineData("application/vnd.google.protobuf", "protobuf")]
    [InlineData("application/protobuf", "protobuf")]
    public void Content_types_name_formats(string contentType, string format)
    {
        Assert.True(MapMediaTypes.TryGetFormat(contentType, out var found));
        Assert.Equal(format, found.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("not a media type")]
    public void Other_content_types_name_no_format(string? contentType) => Assert.False(MapMediaTypes.TryGetFormat(contentType, out _));
}
