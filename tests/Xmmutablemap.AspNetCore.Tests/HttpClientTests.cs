using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xmmutablemap.AspNetCore.Client;
using Xmmutablemap.Serialization;
using Xmmutablemap.Serialization.MessagePack;

namespace Xmmutablemap.AspNetCore.Tests;

/// <summary>The HttpClient side: content in a chosen format, reading responses, and the conditional GET.</summary>
public sealed class HttpClientTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;
    private int _bodiesSent;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(null, app =>
    {
        app.MapGet("/train", (HttpContext context) =>
        {
            if (!context.Request.Headers.IfNoneMatch.Any()) Interlocked.Increment(ref _bodiesSent);
            return MapResults.Ok(TestConfigs.Train);
        });
        app.MapGet("/accept", (HttpContext context) => MapResults.Ok(ImmutableMap.Of<string, object?>(("accept", context.Request.Headers.Accept.ToString()))));
        app.MapGet("/lying-etag", (HttpContext context) =>
        {
            context.Response.Headers.ETag = "\"sha256:0000000000000000000000000000000000000000000000000000000000000000\"";
            return Results.Bytes(MessagePackMapFormat.Instance.WriteToArray(TestConfigs.Train), "application/msgpack");
        });
        app.MapGet("/text", () => "hello");
        app.MapGet("/missing", () => Results.NotFound());
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetMapAsync_keeps_the_map_it_has_on_304()
    {
        var first = await _server.Client.GetMapAsync("/train");
        Assert.Equal(TestConfigs.Train, first);
        Assert.Equal(TestConfigs.TrainHash, first.ContentHash.ToString());

        var second = await _server.Client.GetMapAsync("/train", current: first);
        Assert.Same(first, second);
        Assert.Equal(1, Volatile.Read(ref _bodiesSent));

        var other = ImmutableMap.Of<string, object?>(("x", 1L));
        var third = await _server.Client.GetMapAsync("/train", current: other);
        Assert.Equal(TestConfigs.Train, third);
    }

    [Fact]
    public async Task GetMapAsync_prefers_MessagePack()
    {
        Assert.Equal("application/msgpack, application/x-protobuf; q=0.9, application/json; q=0.8, application/yaml; q=0.7",
            (await _server.Client.GetMapAsync("/accept"))["accept"]);
    }

    [Fact]
    public async Task A_body_that_does_not_hash_to_its_ETag_is_refused()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => _server.Client.GetMapAsync("/lying-etag"));
        Assert.Contains("has ETag \"sha256:0000000000000000000000000000000000000000000000000000000000000000\", but its body hashes to " + TestConfigs.TrainHash, error.Message);
    }

    [Fact]
    public async Task A_response_in_another_media_type_is_NotSupported()
    {
        using var response = await _server.Client.GetAsync("/text");
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => response.Content.ReadAsMapAsync());
        Assert.StartsWith("The content's type 'text/plain; charset=utf-8' is not a config format", error.Message);
    }

    [Fact]
    public async Task An_error_status_is_an_HttpRequestException()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => _server.Client.GetMapAsync("/missing"));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public void MapContent_carries_its_media_type_and_length()
    {
        using var content = MapContent.Create(TestConfigs.Train, MessagePackMapFormat.Instance);
        Assert.Equal("application/msgpack", content.Headers.ContentType!.MediaType);
        Assert.Equal(MessagePackMapFormat.Instance.WriteToArray(TestConfigs.Train).Length, content.Headers.ContentLength);
    }
}
