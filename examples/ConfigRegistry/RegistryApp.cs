using Microsoft.AspNetCore.Http.Features;
using Xmmutablemap;
using Xmmutablemap.AspNetCore;
using Xmmutablemap.Caching;
using Xmmutablemap.Serialization;
using Xmmutablemap.Serialization.Json;

namespace ConfigRegistry;

/// <summary>
/// The registry's routes (DESIGN section 13):
/// <c>POST /configs</c>, <c>GET /configs/{hash}</c>, <c>GET /configs/{hash}/{*path}</c>.
/// Options: <c>--urls</c> (ASP.NET Core's), <c>--store DIR</c> (an SQLite file there; default
/// <c>~/.cache/xmm/registry</c>), <c>--redis HOST:PORT</c>.
/// </summary>
public static class RegistryApp
{
    /// <summary>The app, configured from <paramref name="args"/>, not yet started.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="services">Registrations after the registry's own (tests replace the store with it).</param>
    public static WebApplication Create(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddProblemDetails();
        builder.Services.AddImmutableMapHttp();
        string? redis = builder.Configuration["redis"];
        string store = builder.Configuration["store"] ?? Path.Combine(ConfigCache.DefaultDirectory, "registry");
        builder.Services.AddSingleton(_ => new ConfigStore(redis is not null ? ConfigCache.CreateRedis(redis) : ConfigCache.CreateDefault(store)));

        services?.Invoke(builder.Services);

        var app = builder.Build();
        // Anything unexpected (the store unreachable or damaged) is a problem+json 500 with a reason, not a bare one.
        app.UseExceptionHandler();
        // And a route that does not exist (404) or a method it does not take (405) says so in problem+json too.
        app.UseStatusCodePages();
        app.MapPost("/configs", PostAsync);
        app.MapMethods("/configs/{hash}", [HttpMethods.Get, HttpMethods.Head], GetAsync);
        app.MapGet("/configs/{hash}/{**path}", GetPathAsync);
        return app;
    }

    private static async Task<IResult> PostAsync(MapBody body, ConfigStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var config = body.Map;
        bool created = await store.AddAsync(config, cancellationToken);
        string hash = config.ContentHash.ToString();
        context.Response.Headers.Location = "/configs/" + hash;
        context.Response.Headers.ETag = "\"" + hash + "\"";
        return TypedResults.Json(new Dictionary<string, string> { ["hash"] = hash },
            statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> GetAsync(string hash, ConfigStore store, CancellationToken cancellationToken)
    {
        var (config, problem) = await FindAsync(hash, store, cancellationToken);
        return problem ?? MapResults.Ok(config!);
    }

    private static async Task<IResult> GetPathAsync(string hash, ConfigStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var (config, problem) = await FindAsync(hash, store, cancellationToken);
        if (problem is not null) return problem;
        string path = PathText(context);
        if (!ModelPath.TryParse(path, out _, out string? error))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed path", detail: $"The path `{path}` is malformed: {error}");
        }
        object? value;
        try
        {
            value = config!.GetPath(path);
        }
        catch (KeyNotFoundException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such path", detail: e.Message);
        }
        var json = new MemoryStream();
        try
        {
            JsonMapFormat.Instance.WriteValue(value, json);
        }
        catch (MapFormatException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status406NotAcceptable, title: "Not representable in JSON", detail: e.Message);
        }
        return TypedResults.Bytes(json.ToArray(), MapMediaTypes.Json);
    }

    private static async Task<(ImmutableMap<string, object?>? Config, IResult? Problem)> FindAsync(string text, ConfigStore store, CancellationToken cancellationToken)
    {
        if (!ContentHash.TryParse(text, out var hash))
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed hash",
                detail: $"'{text}' is not a content hash; expected sha256:<64 hex digits>."));
        }
        var config = await store.FindAsync(hash, cancellationToken);
        return config is null
            ? (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown config", detail: $"No config with hash {hash} is stored here."))
            : (config, null);
    }

    /// <summary>The path after <c>/configs/{hash}/</c>, percent-decoded once, from the raw request target: routing's
    /// own decoding keeps <c>%2F</c> encoded, and a quoted key may hold a slash.</summary>
    private static string PathText(HttpContext context)
    {
        string raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        int query = raw.IndexOf('?');
        if (query >= 0) raw = raw[..query];
        if (!raw.StartsWith('/'))
        {
            // An absolute-form target (http://host/configs/...): drop the scheme and authority.
            int authority = raw.IndexOf("://", StringComparison.Ordinal);
            raw = authority < 0 ? "" : raw[(raw.IndexOf('/', authority + 3) is var p and >= 0 ? p : raw.Length)..];
        }
        // raw is /configs/<hash as sent>/<path>.
        int afterConfigs = raw.IndexOf('/', 1);
        int afterHash = afterConfigs < 0 ? -1 : raw.IndexOf('/', afterConfigs + 1);
        return afterHash < 0 ? "" : Uri.UnescapeDataString(raw[(afterHash + 1)..]);
    }
}
