using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ConfigRegistry;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xmmutablemap.AspNetCore.Client;
using Xmmutablemap.Caching;

namespace Xmmutablemap.AspNetCore.Tests;

/// <summary>The config registry (examples/ConfigRegistry) on a loopback port with an SQLite store in a temporary
/// directory: the routes of DESIGN section 13 with their exact statuses, and persistence across restarts.</summary>
public sealed class RegistryTests : IAsyncLifetime
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "xmm-registry-" + Guid.NewGuid().ToString("N"));
    private LoopbackServer _server = null!;

    private static string[] Args(string store) => ["--urls", "http://127.0.0.1:0", "--store", store, "--Logging:LogLevel:Default=Warning"];

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(RegistryApp.Create(Args(_store)));

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_store, recursive: true); } catch (IOException) { }
    }

    private HttpClient Client => _server.Client;

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<string> Post(ImmutableMap<string, object?> config, int format, HttpStatusCode expected)
    {
        using var response = await Client.PostAsync("/configs", MapContent.Create(config, TestConfigs.Formats[format]));
        Assert.Equal(expected, response.StatusCode);
        string hash = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("hash").GetString()!;
        Assert.Equal("/configs/" + hash, response.Headers.Location!.OriginalString);
        Assert.Equal("\"" + hash + "\"", response.Headers.ETag!.Tag);
        return hash;
    }

    [Fact]
    public async Task Posting_in_four_formats_stores_once_and_gets_back_in_four_formats()
    {
        Assert.Equal(TestConfigs.TrainHash, await Post(TestConfigs.Train, 0, HttpStatusCode.Created));
        for (int format = 1; format < 4; format++) Assert.Equal(TestConfigs.TrainHash, await Post(TestConfigs.Train, format, HttpStatusCode.OK));

        foreach (string mediaType in TestConfigs.MediaTypes)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/configs/" + TestConfigs.TrainHash);
            request.Headers.Accept.ParseAdd(mediaType);
            using var response = await Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("\"" + TestConfigs.TrainHash + "\"", response.Headers.ETag!.Tag);
            var back = await response.Content.ReadAsMapAsync();
            Assert.Equal(TestConfigs.TrainHash, back.ContentHash.ToString());
        }
    }

    [Fact]
    public async Task A_matching_If_None_Match_gets_304_and_the_client_keeps_its_map()
    {
        await Post(TestConfigs.Train, 1, HttpStatusCode.Created);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/configs/" + TestConfigs.TrainHash);
        request.Headers.TryAddWithoutValidation("If-None-Match", "\"" + TestConfigs.TrainHash + "\"");
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);

        var held = await Client.GetMapAsync("/configs/" + TestConfigs.TrainHash);
        Assert.Same(held, await Client.GetMapAsync("/configs/" + TestConfigs.TrainHash, current: held));
    }

    [Fact]
    public async Task Configs_outlive_the_process_that_stored_them()
    {
        await Post(TestConfigs.Train, 2, HttpStatusCode.Created);
        await _server.DisposeAsync();
        _server = await LoopbackServer.StartAsync(RegistryApp.Create(Args(_store)));
        Assert.Equal(TestConfigs.Train, await Client.GetMapAsync("/configs/" + TestConfigs.TrainHash));
        await Post(TestConfigs.Train, 0, HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("optimizer.lr", "0.0003\n")]
    [InlineData("model.widths", "[\n  64,\n  128,\n  256,\n  512\n]\n")]
    [InlineData("model.widths[2]", "256\n")]
    [InlineData("model.dropout", "0.1\n")]
    [InlineData("model.pretrained_weights", "null\n")]
    [InlineData("data.augment[2]", "{\n  \"name\": \"color_jitter\",\n  \"strength\": 0.4\n}\n")]
    [InlineData("experiment", "\"resnet18-cifar10-baseline\"\n")]
    public async Task A_path_gets_its_value_as_JSON(string path, string json)
    {
        await Post(TestConfigs.Train, 0, HttpStatusCode.Created);
        using var response = await Client.GetAsync("/configs/" + TestConfigs.TrainHash + "/" + Uri.EscapeDataString(path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(json, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Paths_are_percent_decoded_once_so_quoted_keys_may_hold_dots_and_slashes()
    {
        var config = ImmutableMap.Of<string, object?>(("labels", ImmutableMap.Of<string, object?>(("a.b/c", 3.0), ("x", 1L))));
        string hash = await Post(config, 0, HttpStatusCode.Created);
        using var quoted = await Client.GetAsync($"/configs/{hash}/labels%5B%22a.b%2Fc%22%5D");
        Assert.Equal(HttpStatusCode.OK, quoted.StatusCode);
        Assert.Equal("3.0\n", await quoted.Content.ReadAsStringAsync());
        using var plain = await Client.GetAsync($"/configs/{hash}/labels.x");
        Assert.Equal("1\n", await plain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_hash_gets_404()
    {
        const string unknown = "sha256:0000000000000000000000000000000000000000000000000000000000000000";
        var problem = await Problem(await Client.GetAsync("/configs/" + unknown), HttpStatusCode.NotFound);
        Assert.Equal($"No config with hash {unknown} is stored here.", problem.GetProperty("detail").GetString());
        await Problem(await Client.GetAsync("/configs/" + unknown + "/a.b"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("nothex")]
    [InlineData("sha256:1234")]
    [InlineData("sha256:zz4bd1b4984d635751d8b96f0de852f816d12b1d3aa97e780423762500c294a3")]
    [InlineData("md5:894bd1b4984d635751d8b96f0de852f816d12b1d3aa97e780423762500c294a3")]
    public async Task A_malformed_hash_gets_400(string hash)
    {
        var problem = await Problem(await Client.GetAsync("/configs/" + hash), HttpStatusCode.BadRequest);
        Assert.Equal($"'{hash}' is not a content hash; expected sha256:<64 hex digits>.", problem.GetProperty("detail").GetString());
        await Problem(await Client.GetAsync("/configs/" + hash + "/optimizer.lr"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_missing_path_gets_404_with_a_suggestion_and_a_malformed_one_400()
    {
        await Post(TestConfigs.Train, 0, HttpStatusCode.Created);
        var missing = await Problem(await Client.GetAsync($"/configs/{TestConfigs.TrainHash}/optimizer.lx"), HttpStatusCode.NotFound);
        Assert.Equal("The path `optimizer.lx` does not exist: `optimizer` has no key \"lx\" (did you mean `optimizer.lr`?).", missing.GetProperty("detail").GetString());
        var malformed = await Problem(await Client.GetAsync($"/configs/{TestConfigs.TrainHash}/optimizer..lr"), HttpStatusCode.BadRequest);
        Assert.StartsWith("The path `optimizer..lr` is malformed:", malformed.GetProperty("detail").GetString());
        await Problem(await Client.GetAsync("/nothing/here"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_path_to_a_value_JSON_cannot_carry_gets_406()
    {
        string hash = await Post(TestConfigs.WithNaN, 2, HttpStatusCode.Created);
        var problem = await Problem(await Client.GetAsync($"/configs/{hash}/loss_scale"), HttpStatusCode.NotAcceptable);
        Assert.Contains("JSON cannot carry the float NaN", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_stored_entry_that_does_not_hash_to_its_key_is_a_500_never_a_wrong_config()
    {
        // A store holding, under the train config's key, an intact envelope around another config's bytes.
        var distributed = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        byte[] payload = ImmutableMap.Of<string, object?>(("a", 1L)).ToCanonicalBytes();
        byte[] entry = [.. "XMC1"u8, .. SHA256.HashData(payload), .. payload];
        await distributed.SetAsync(ConfigCache.KeyFor(ConfigStore.Namespace, ContentHash.Parse(TestConfigs.TrainHash)), entry);
        var hybrid = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();
        var store = new ConfigStore(new ConfigCache(hybrid, distributed, new FileLeases(Path.Combine(_store, "damaged-leases"))));

        await using var server = await LoopbackServer.StartAsync(RegistryApp.Create(Args(_store + "-unused"), s => s.AddSingleton(store)));
        using var response = await server.Client.GetAsync("/configs/" + TestConfigs.TrainHash);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.FindAsync(ContentHash.Parse(TestConfigs.TrainHash), default));
        Assert.StartsWith($"The stored entry for {TestConfigs.TrainHash} hashes to sha256:", error.Message);
    }
}
