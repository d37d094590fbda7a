using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xmmutablemap.AspNetCore.Client;
using Xmmutablemap.AspNetCore.Mvc;

namespace Xmmutablemap.AspNetCore.Tests;

/// <summary>MVC with the formatters registered by one call: the same negotiation, ETag, 304 and refusals.</summary>
public sealed class MvcTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(
        b => b.Services.AddControllers().AddApplicationPart(typeof(MapsController).Assembly).AddImmutableMapFormatters(),
        app => app.MapControllers());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Client => _server.Client;

    public static TheoryData<int, int> FormatPairs() => MinimalApiTests.FormatPairs();

    [Theory]
    [MemberData(nameof(FormatPairs))]
    public async Task A_config_posted_in_each_format_comes_back_in_each_format(int sent, int answered)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mvc/echo") { Content = MapContent.Create(TestConfigs.Train, TestConfigs.Formats[sent]) };
        request.Headers.Accept.ParseAdd(TestConfigs.MediaTypes[answered]);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestConfigs.MediaTypes[answered], response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("\"" + TestConfigs.TrainHash + "\"", response.Headers.ETag!.Tag);
        Assert.Equal(TestConfigs.Train, TestConfigs.Formats[answered].Read(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_matching_If_None_Match_gets_304()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/mvc/train");
        request.Headers.TryAddWithoutValidation("If-None-Match", "\"" + TestConfigs.TrainHash + "\"");
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("application/x-yaml", "application/x-yaml")]
    [InlineData("application/json;q=0.5, application/msgpack", "application/msgpack")]
    public async Task Responses_follow_Accept(string? accept, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/mvc/train");
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task NaN_goes_to_YAML_when_JSON_cannot_carry_it()
    {
        using var response = await Client.GetAsync("/mvc/nan");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TestConfigs.WithNaN.ContentHash, (await response.Content.ReadAsMapAsync()).ContentHash);
    }

    [Fact]
    public async Task An_Accept_nothing_satisfies_gets_406()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/mvc/train");
        request.Headers.TryAddWithoutValidation("Accept", "text/html");
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_bad_document_gets_400_problem_naming_the_path_and_position()
    {
        using var content = new StringContent("a: 1\nb: 2\na: 3\n", Encoding.UTF8, "application/yaml");
        using var response = await Client.PostAsync("/mvc/echo", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        // MVC adds "The config field is required." beside the formatter's error, as it does for its JSON formatter.
        var messages = errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(e => e.GetString()).ToArray();
        Assert.Contains("<input>:3:1: yaml: at a: the key \"a\" appears more than once (first at line 1, column 1)", messages);
    }

    [Fact]
    public async Task An_unknown_content_type_gets_415()
    {
        using var content = new StringContent("a: 1", Encoding.UTF8, "text/plain");
        using var response = await Client.PostAsync("/mvc/echo", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413()
    {
        using var content = new ByteArrayContent(new byte[(1 << 20) + 1]);
        content.Headers.ContentType = new("application/msgpack");
        using var response = await Client.PostAsync("/mvc/echo", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var after = await Client.GetAsync("/mvc/train");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Created_keeps_201_and_its_Location()
    {
        using var response = await Client.PostAsync("/mvc/created", MapContent.Create(TestConfigs.Train, Serialization.Yaml.YamlMapFormat.Instance));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/mvc/things/" + TestConfigs.TrainHash, response.Headers.Location!.OriginalString);
        Assert.Equal(TestConfigs.Train, await response.Content.ReadAsMapAsync());
    }

    [Fact]
    public async Task Other_types_keep_their_formatters()
    {
        using var response = await Client.GetAsync("/mvc/plain");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("{\"a\":1}", await response.Content.ReadAsStringAsync());
    }
}
