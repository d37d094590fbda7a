using System.Net;
using System.Text;
using System.Text.Json;
using Xmmutablemap.AspNetCore.Client;
using Xmmutablemap.Testing;

namespace Xmmutablemap.AspNetCore.Tests;

/// <summary>
/// Hostile requests get their exact 4xx, as problem+json where the body is ours, and the server keeps serving:
/// every document of the hostile corpus in its content type, bodies over the limit however they are sent,
/// unknown content types, Accept nothing satisfies. Never a 500, never a hang.
/// </summary>
public sealed class HostileRequestTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(null, MinimalApiTests.MapRoutes);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> CorpusCases() => new(HostileCorpus.Cases.Keys);

    private async Task StillServing()
    {
        using var response = await _server.Client.GetAsync("/train");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    [Theory]
    [MemberData(nameof(CorpusCases))]
    public async Task Each_hostile_document_gets_400_problem_naming_the_path_and_position(string name)
    {
        var (format, input, expected) = HostileCorpus.Cases[name];
        using var content = new ByteArrayContent(input());
        content.Headers.ContentType = new(MapMediaTypes.GetMediaType(format));
        using var response = await _server.Client.PostAsync("/echo", content);

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        string detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(expected, detail);
        Assert.Equal(format.Name, problem.GetProperty("format").GetString());
        Assert.True(problem.TryGetProperty("line", out _) || problem.TryGetProperty("byteOffset", out _), "no position: " + detail);
        await StillServing();
    }

    [Fact]
    public async Task A_body_over_the_limit_with_its_Content_Length_gets_413()
    {
        using var content = new ByteArrayContent(new byte[(1 << 20) + 1]);
        content.Headers.ContentType = new("application/json");
        using var response = await _server.Client.PostAsync("/echo", content);
        var problem = await Problem(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("The request body is larger than the limit of 1048576 bytes.", problem.GetProperty("detail").GetString());
        await StillServing();
    }

    [Fact]
    public async Task A_body_at_the_limit_is_read()
    {
        // A JSON document of exactly 1 MiB: {"a":"xxx...x"}
        string json = "{\"a\":\"" + new string('x', (1 << 20) - 8) + "\"}";
        Assert.Equal(1 << 20, json.Length);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _server.Client.PostAsync("/format", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_Content_Length_that_claims_more_than_the_limit_gets_413_before_the_body_is_read()
    {
        var (status, response) = await RawHttp.SendAsync(_server.Address,
            $"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {50 << 20}", ["{\"a\": 1}"u8.ToArray()], TimeSpan.FromSeconds(10));
        Assert.Equal(413, status);
        Assert.Contains("application/problem+json", response);
        await StillServing();
    }

    [Fact]
    public async Task A_Content_Length_shorter_than_the_body_reads_only_what_it_claims_and_gets_400()
    {
        // Content-Length: 10 cuts the document after `{"a": [1, `; the rest is not a request and Kestrel refuses it.
        var (status, response) = await RawHttp.SendAsync(_server.Address,
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10", ["{\"a\": [1, 2, 3]}"u8.ToArray()]);
        Assert.Equal(400, status);
        Assert.Contains("application/problem+json", response);
        Assert.Contains("json:", response);
        await StillServing();
    }

    [Fact]
    public async Task A_chunked_body_that_goes_past_the_limit_gets_413()
    {
        var (status, response) = await RawHttp.SendAsync(_server.Address,
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\nTransfer-Encoding: chunked", RawHttp.Chunked(64 * 1024, 40));
        Assert.Equal(413, status);
        Assert.Contains("larger than the limit of 1048576 bytes", response);
        await StillServing();
    }

    [Fact]
    public async Task A_chunked_body_under_the_limit_is_read()
    {
        byte[] yaml = "a: 1\nb: [x, y]\n"u8.ToArray();
        byte[] chunk = [.. Encoding.ASCII.GetBytes(yaml.Length.ToString("x") + "\r\n"), .. yaml, .. "\r\n0\r\n\r\n"u8];
        var (status, response) = await RawHttp.SendAsync(_server.Address,
            "POST /format HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\nTransfer-Encoding: chunked\r\nConnection: close", [chunk]);
        Assert.Equal(200, status);
        Assert.EndsWith("yaml", response.TrimEnd());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task An_unknown_content_type_gets_415_naming_the_ones_read(string contentType)
    {
        using var content = new ByteArrayContent("a: 1\n"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await _server.Client.PostAsync("/echo", content);
        var problem = await Problem(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal($"The request has Content-Type '{contentType}'; a config must be sent as one of: application/json, application/yaml, application/x-yaml, text/yaml, "
            + "application/msgpack, application/vnd.msgpack, application/x-msgpack, application/x-protobuf, application/protobuf, application/vnd.google.protobuf.",
            problem.GetProperty("detail").GetString());
        await StillServing();
    }

    [Fact]
    public async Task No_content_type_gets_415()
    {
        using var content = new ByteArrayContent("{}"u8.ToArray());
        using var response = await _server.Client.PostAsync("/echo", content);
        var problem = await Problem(response, HttpStatusCode.UnsupportedMediaType);
        Assert.StartsWith("The request has no Content-Type;", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_empty_body_gets_400()
    {
        using var content = new ByteArrayContent([]);
        content.Headers.ContentType = new("application/json");
        using var response = await _server.Client.PostAsync("/echo", content);
        await Problem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_smaller_configured_limit_applies()
    {
        await using var server = await LoopbackServer.StartAsync(b => b.Services.AddImmutableMapHttp(o => o.MaxRequestBodySize = 16), MinimalApiTests.MapRoutes);
        using var small = await server.Client.PostAsync("/format", new StringContent("{\"a\": 1}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        using var large = await server.Client.PostAsync("/format", new StringContent("{\"a\": \"0123456789\"}", Encoding.UTF8, "application/json"));
        var problem = await Problem(large, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("The request body is larger than the limit of 16 bytes.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_body_the_format_cannot_carry_back_is_refused_at_the_client_not_bent()
    {
        var error = Assert.Throws<Xmmutablemap.Serialization.MapFormatException>(() => MapContent.Create(TestConfigs.WithNaN));
        Assert.Contains("JSON cannot carry the float NaN", error.Message);
        await StillServing();
    }
}
