using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Xmmutablemap.Caching;

namespace Xmmutablemap.LoadTest;

/// <summary>
/// The peer: the registry's two routes written by hand over <c>Dictionary&lt;string, object?&gt;</c> and
/// System.Text.Json, as a service does without this library. It keeps the same durable store (the cache's SQLite
/// second level, keyed by the SHA-256 of the JSON it writes) and the same in-memory cache of decoded configs, so
/// the comparison is the HTTP and map layer, not the storage.
/// </summary>
public static class PlainDictionaryApp
{
    public static WebApplication Create(string store)
    {
        // The same host as the registry's (RegistryApp.Create): full builder, problem details, the same middleware.
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        builder.Services.AddProblemDetails();
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var cache = ConfigCache.CreateDefault(store);
        var decoded = new MemoryCache(new MemoryCacheOptions { SizeLimit = 10_000 });

        app.MapPost("/configs", async (HttpContext context) =>
        {
            var config = await JsonSerializer.DeserializeAsync<Dictionary<string, object?>>(context.Request.Body, cancellationToken: context.RequestAborted);
            if (config is null) return Results.BadRequest();
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(config);
            string hash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(json));
            bool created = false;
            await cache.GetOrComputeBytesAsync("plain:" + hash, _ => { created = true; return ValueTask.FromResult(json); }, context.RequestAborted);
            context.Response.Headers.Location = "/configs/" + hash;
            return Results.Json(new Dictionary<string, string> { ["hash"] = hash }, statusCode: created ? 201 : 200);
        });
        app.MapGet("/configs/{hash}", async (string hash, HttpContext context) =>
        {
            if (!decoded.TryGetValue(hash, out Dictionary<string, object?>? config))
            {
                byte[]? json = await cache.TryGetBytesAsync("plain:" + hash, context.RequestAborted);
                if (json is null) return Results.NotFound();
                config = JsonSerializer.Deserialize<Dictionary<string, object?>>(json);
                decoded.Set(hash, config, new MemoryCacheEntryOptions { Size = 1 });
            }
            return Results.Json(config);
        });
        return app;
    }
}
