using Xmmutablemap.LoadTest;

namespace Xmmutablemap.AspNetCore.Tests;

/// <summary>The load test of docs/benchmarks.md, briefly, on every run: concurrent clients posting and getting
/// configs for a fixed time must see no error and no lost or mismatched config, on the registry and on the peer.</summary>
public sealed class LoadTests
{
    [Fact]
    public async Task Concurrent_clients_see_no_error_and_no_lost_or_mismatched_config()
    {
        string root = Path.Combine(Path.GetTempPath(), "xmm-load-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var registry = ConfigRegistry.RegistryApp.Create(["--urls", "http://127.0.0.1:0", "--store", Path.Combine(root, "registry"), "--Logging:LogLevel:Default=Warning"]);
            var result = await LoadRunner.RunAsync(registry, "registry", clients: 8, TimeSpan.FromSeconds(2), poolSize: 100);
            Assert.True(result.Requests > 100, $"only {result.Requests} requests in {result.Seconds:F1} s");
            Assert.Equal(0, result.Errors);
            Assert.Equal(0, result.Mismatches);

            var plain = await LoadRunner.RunAsync(PlainDictionaryApp.Create(Path.Combine(root, "plain")), "plain", clients: 8, TimeSpan.FromSeconds(2), poolSize: 100);
            Assert.Equal(0, plain.Errors);
            Assert.Equal(0, plain.Mismatches);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }
}
