using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Xmmutablemap.Serialization;
using Xmmutablemap.Serialization.Json;

namespace Xmmutablemap.LoadTest;

/// <summary>
/// N concurrent clients, each posting a random config from a fixed pool (so some are new, some already stored) and
/// getting it back by the hash the server answered, for a fixed time. Every answer is checked: the config that comes
/// back must equal the one posted, so a lost or mismatched config is counted, not missed.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(WebApplication app, string name, int clients, TimeSpan duration, int poolSize = 400, int seed = 1)
    {
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var pool = ConfigPool.Create(poolSize, seed);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

            // Warm up (JIT, connection pool, SQLite pages) before measuring.
            await RunClientsAsync(http, pool, clients, TimeSpan.FromSeconds(3), seed + 1000);
            return (await RunClientsAsync(http, pool, clients, duration, seed)) with { Name = name };
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task<LoadResult> RunClientsAsync(HttpClient http, byte[][] pool, int clients, TimeSpan duration, int seed)
    {
        var stopwatch = Stopwatch.StartNew();
        var deadline = stopwatch.Elapsed + duration;
        var workers = Enumerable.Range(0, clients).Select(i => Task.Run(() => ClientAsync(http, pool, stopwatch, deadline, seed + i))).ToArray();
        var outcomes = await Task.WhenAll(workers);
        double seconds = stopwatch.Elapsed.TotalSeconds;
        var latencies = outcomes.SelectMany(o => o.Latencies).Order().ToArray();
        return new LoadResult("", clients, seconds, latencies.Length, outcomes.Sum(o => o.Errors), outcomes.Sum(o => o.Mismatches),
            latencies.Length == 0 ? 0 : latencies[(int)Math.Min(latencies.Length - 1, Math.Ceiling(latencies.Length * 0.99) - 1)],
            latencies.Length == 0 ? 0 : latencies[latencies.Length / 2]);
    }

    private static async Task<(List<double> Latencies, int Errors, int Mismatches)> ClientAsync(HttpClient http, byte[][] pool, Stopwatch clock, TimeSpan deadline, int seed)
    {
        var random = new Random(seed);
        var latencies = new List<double>();
        int errors = 0, mismatches = 0;
        while (clock.Elapsed < deadline)
        {
            byte[] json = pool[random.Next(pool.Length)];
            try
            {
                var start = clock.Elapsed;
                using var content = new ByteArrayContent(json);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var posted = await http.PostAsync("/configs", content);
                latencies.Add((clock.Elapsed - start).TotalMilliseconds);
                if ((int)posted.StatusCode is not (200 or 201)) { errors++; continue; }
                string location = posted.Headers.Location!.OriginalString;

                start = clock.Elapsed;
                using var request = new HttpRequestMessage(HttpMethod.Get, location);
                request.Headers.Accept.ParseAdd("application/json");
                using var got = await http.SendAsync(request);
                byte[] body = await got.Content.ReadAsByteArrayAsync();
                latencies.Add((clock.Elapsed - start).TotalMilliseconds);
                if (!got.IsSuccessStatusCode) { errors++; continue; }
                // Same content, whatever the key order or spacing: compare as maps, integers and floats apart.
                if (!JsonMapFormat.Instance.Read(body).Equals(JsonMapFormat.Instance.Read(json))) mismatches++;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or MapFormatException or JsonException)
            {
                errors++;
            }
        }
        return (latencies, errors, mismatches);
    }
}
