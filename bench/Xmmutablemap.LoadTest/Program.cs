// The registry under load against the same routes written by hand over Dictionary<string, object?> and
// System.Text.Json, on loopback, for a fixed time each, then a Markdown table for docs/benchmarks.md.
//   dotnet run -c Release --project bench/Xmmutablemap.LoadTest -- [SECONDS] [CLIENTS] [ROUNDS]
// Both servers run once unreported first: the first server started in a process pays for JIT-compiling Kestrel,
// SQLite and HttpClient for both, which is not what a long-running service sees.
using Xmmutablemap.LoadTest;

int seconds = args.Length > 0 ? int.Parse(args[0]) : 15;
int clients = args.Length > 1 ? int.Parse(args[1]) : 16;
int rounds = args.Length > 2 ? int.Parse(args[2]) : 2;
string root = Path.Combine(Path.GetTempPath(), "xmm-load-" + Guid.NewGuid().ToString("N"));

const string RegistryName = "ConfigRegistry (ImmutableMap, JSON)";
const string PlainName = "Dictionary<string, object?> + System.Text.Json";
WebApplication Registry(string store) => ConfigRegistry.RegistryApp.Create(["--urls", "http://127.0.0.1:0", "--store", Path.Combine(root, store), "--Logging:LogLevel:Default=Warning"]);

await LoadRunner.RunAsync(Registry("warm-registry"), RegistryName, clients, TimeSpan.FromSeconds(3));
await LoadRunner.RunAsync(PlainDictionaryApp.Create(Path.Combine(root, "warm-plain")), PlainName, clients, TimeSpan.FromSeconds(3));

var results = new List<LoadResult>();
for (int round = 0; round < rounds; round++)
{
    // Alternate, so neither side always runs on a warmer machine.
    results.Add(await LoadRunner.RunAsync(Registry($"registry{round}"), RegistryName, clients, TimeSpan.FromSeconds(seconds)));
    results.Add(await LoadRunner.RunAsync(PlainDictionaryApp.Create(Path.Combine(root, $"plain{round}")), PlainName, clients, TimeSpan.FromSeconds(seconds)));
}
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
try { Directory.Delete(root, recursive: true); } catch (IOException) { }

Console.WriteLine($"| server | clients | seconds | requests/s | p50 ms | p99 ms | errors | lost or mismatched |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var r in results)
{
    Console.WriteLine($"| {r.Name} | {r.Clients} | {r.Seconds:F1} | {r.RequestsPerSecond:F0} | {r.MedianMilliseconds:F2} | {r.P99Milliseconds:F2} | {r.Errors} | {r.Mismatches} |");
}
return results.Any(r => r.Errors > 0 || r.Mismatches > 0) ? 1 : 0;
