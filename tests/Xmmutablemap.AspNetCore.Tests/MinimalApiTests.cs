using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xmmutablemap.AspNetCore.Client;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.AspNetCore.Tests;

/// <summary>Minimal APIs over a real Kestrel socket: negotiation, ETag and 304, and binding from every format.</summary>
public sealed class MinimalApiTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(null, MapRoutes);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    internal static void MapRoutes(WebApplication app)
    {
        app.MapPost("/echo", (MapBody body) => MapResults.Ok(body.Map));
        app.MapPost("/format", (MapBody body) => Results.Text(body.Format.Name));
        app.MapPost("/created", (MapBody body) => MapResults.Created("/things/" + body.Map.ContentHash, body.Map));
        app.MapGet("/train", () => MapResults.Ok(TestConfigs.Train));
        app.MapMethods("/train-or-head", [HttpMethods.Get, HttpMethods.Head], () => MapResults.Ok(TestConfigs.Train));
        app.MapGet("/nan", () => MapResults.Ok(TestConfigs.WithNaN));
        app.MapGet("/bytes", () => MapResults.Ok(TestConfigs.WithBytes));
    }

    private HttpClient Client => _server.Client;

    private static HttpRequestMessage Get(string uri, string? accept = null, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return request;
    }

    public static TheoryData<int, int> FormatPairs()
    {
        var data = new TheoryData<int, int>();
        for (int i = 0; i < 4; i++) for (int o = 0; o < 4; o++) data.Add(i, o);
        return data;
    }

    [Theory]
    [MemberData(nameof(FormatPairs))]
    public async Task A_config_posted_in_each_format_comes_back_in_each_format_with_its_hash_as_ETag(int sent, int answered)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/echo") { Content = MapContent.Create(TestConfigs.Train, TestConfigs.Formats[sent]) };
        request.Headers.Accept.ParseAdd(TestConfigs.MediaTypes[answered]);
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestConfigs.MediaTypes[answered], response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("\"" + TestConfigs.TrainHash + "\"", response.Headers.ETag!.Tag);
        Assert.False(response.Headers.ETag.IsWeak);
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        var back = TestConfigs.Formats[answered].Read(body);
        Assert.Equal(TestConfigs.Train, back);
        Assert.Equal(TestConfigs.TrainHash, back.ContentHash.ToString());
    }

    [Theory]
    [InlineData("application/json", "json")]
    [InlineData("application/x-yaml", "yaml")]
    [InlineData("text/yaml; charset=utf-8", "yaml")]
    [InlineData("application/vnd.msgpack", "msgpack")]
    [InlineData("application/x-msgpack", "msgpack")]
    [InlineData("application/protobuf", "protobuf")]
    [InlineData("application/vnd.google.protobuf", "protobuf")]
    public async Task Every_media_type_alias_is_read(string contentType, string format)
    {
        var bytes = MapFormatRegistry.Default.GetByName(format).WriteToArray(TestConfigs.Train);
        using var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await Client.PostAsync("/format", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(format, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData("application/yaml;q=0.9, application/msgpack", "application/msgpack")]
    [InlineData("text/yaml", "text/yaml")]
    [InlineData("application/*;q=0.2, application/x-protobuf;q=0.3", "application/x-protobuf")]
    [InlineData("text/html, */*;q=0.1", "application/json")]
    public async Task Responses_follow_Accept(string? accept, string mediaType)
    {
        using var response = await Client.SendAsync(Get("/train", accept));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Accept", Assert.Single(response.Headers.Vary));
    }

    [Theory]
    [InlineData("\"" + TestConfigs.TrainHash + "\"")]
    [InlineData("W/\"" + TestConfigs.TrainHash + "\"")]
    [InlineData("\"sha256:0000000000000000000000000000000000000000000000000000000000000000\", \"" + TestConfigs.TrainHash + "\"")]
    [InlineData("*")]
    public async Task A_matching_If_None_Match_gets_304_with_no_body(string ifNoneMatch)
    {
        using var response = await Client.SendAsync(Get("/train", "application/yaml", ifNoneMatch));
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("\"" + TestConfigs.TrainHash + "\"", response.Headers.ETag!.Tag);
    }

    [Theory]
    [InlineData("\"sha256:0000000000000000000000000000000000000000000000000000000000000000\"")]
    [InlineData("\"something-else\"")]
    [InlineData("not an entity tag")]
    public async Task Another_If_None_Match_gets_the_config(string ifNoneMatch)
    {
        using var response = await Client.SendAsync(Get("/train", null, ifNoneMatch));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestConfigs.Train, await response.Content.ReadAsMapAsync());
    }

    [Fact]
    public async Task HEAD_gets_the_headers_without_the_body()
    {
        using var get = await Client.SendAsync(Get("/train-or-head", "application/yaml"));
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/train-or-head") { Headers = { { "Accept", "application/yaml" } } });
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal("\"" + TestConfigs.TrainHash + "\"", head.Headers.ETag!.Tag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("application/json", HttpStatusCode.NotAcceptable, null)]
    [InlineData("application/json, application/yaml;q=0.5", HttpStatusCode.OK, "application/yaml")]
    [InlineData(null, HttpStatusCode.OK, "application/yaml")]
    [InlineData("application/json, application/x-protobuf;q=0.1", HttpStatusCode.OK, "application/x-protobuf")]
    public async Task A_config_JSON_cannot_carry_goes_to_the_next_acceptable_format_never_changed(string? accept, HttpStatusCode status, string? mediaType)
    {
        using var response = await Client.SendAsync(Get("/nan", accept));
        Assert.Equal(status, response.StatusCode);
        if (mediaType is null)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(406, problem.GetProperty("status").GetInt32());
            Assert.Contains("JSON cannot carry the float NaN", problem.GetProperty("detail").GetString());
            return;
        }
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        var back = await response.Content.ReadAsMapAsync();
        Assert.True(double.IsNaN((double)back["loss_scale"]!));
        Assert.Equal(TestConfigs.WithNaN.ContentHash, back.ContentHash);
    }

    [Fact]
    public async Task Bytes_are_never_sent_as_JSON()
    {
        using var response = await Client.SendAsync(Get("/bytes"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TestConfigs.WithBytes, await response.Content.ReadAsMapAsync());
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml, text/plain;q=0.5")]
    [InlineData("application/json;q=0, application/yaml;q=0, application/msgpack;q=0, application/x-protobuf;q=0")]
    public async Task An_Accept_nothing_satisfies_gets_406_problem(string accept)
    {
        using var response = await Client.SendAsync(Get("/train", accept));
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("allows none of: application/json, application/yaml", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Created_answers_201_with_a_Location()
    {
        using var response = await Client.PostAsync("/created", MapContent.Create(TestConfigs.Train));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/things/" + TestConfigs.TrainHash, response.Headers.Location!.OriginalString);
        Assert.Equal(TestConfigs.Train, await response.Content.ReadAsMapAsync());
    }
}
