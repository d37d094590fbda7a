using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xmmutablemap.Caching;

namespace Xmmutablemap.Caching.Tests;

/// <summary>Real OS processes racing for the same key: <c>xmm run</c> and a program using the API.</summary>
public sealed class ProcessRaceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xmm-race-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string ConfigFile()
    {
        string path = Path.Combine(_dir, "config.yaml");
        File.WriteAllText(path, $"lr: 0.001\nrun: {Guid.NewGuid():N}\n"); // a key no earlier test stored
        return path;
    }

    private string CacheArgument(string kind) => kind == "sqlite" ? Path.Combine(_dir, "cache") : "redis://" + Stores.Redis;

    private static bool RedisMissing(string kind)
    {
        if (kind != "redis" || Stores.Redis is not null) return false;
        Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI expects Redis: XMM_TEST_REDIS is not set");
        return true;
    }

    private static Process Start(string dll, IEnumerable<string> args, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? []) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    private static async Task<(int Exit, string Out, string Err)> Finish(Process process, int seconds = 90)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Theory]
    [MemberData(nameof(Stores.Names), MemberType = typeof(Stores))]
    public async Task Eight_xmm_run_processes_run_the_command_once_and_print_the_same_result(string kind)
    {
        if (RedisMissing(kind)) return;
        string config = ConfigFile(), counter = Path.Combine(_dir, "count.txt");
        string script = $"echo ran >> '{counter}'; sleep 1; echo \"result $XMM_CONFIG_HASH\"";
        var processes = Enumerable.Range(0, 8).Select(_ => Start("xmm.dll", ["run", config, "--cache", CacheArgument(kind), "--namespace", "race", "--", "sh", "-c", script])).ToList();
        var results = await Task.WhenAll(processes.Select(p => Finish(p)));
        Assert.Single(File.ReadAllLines(counter));
        Assert.All(results, r => Assert.Equal((0, ""), (r.Exit, r.Err)));
        Assert.Single(results.Select(r => r.Out).Distinct());
        Assert.StartsWith("result sha256:", results[0].Out);
    }

    [Theory]
    [MemberData(nameof(Stores.Names), MemberType = typeof(Stores))]
    public async Task Eight_processes_using_the_API_compute_once_and_print_the_same_result(string kind)
    {
        if (RedisMissing(kind)) return;
        string config = ConfigFile(), counter = Path.Combine(_dir, "count.txt");
        var processes = Enumerable.Range(0, 8).Select(_ => Start("Xmmutablemap.Caching.TestHost.dll", [config, CacheArgument(kind), "race-api", counter])).ToList();
        var results = await Task.WhenAll(processes.Select(p => Finish(p)));
        Assert.Single(File.ReadAllLines(counter));
        Assert.All(results, r => Assert.Equal((0, ""), (r.Exit, r.Err)));
        Assert.Single(results.Select(r => r.Out).Distinct());
    }

    [Theory]
    [MemberData(nameof(Stores.Names), MemberType = typeof(Stores))]
    public async Task When_the_lease_holder_is_killed_a_waiter_finishes_and_nothing_half_stored_is_read(string kind)
    {
        if (RedisMissing(kind)) return;
        string config = ConfigFile(), marker = Path.Combine(_dir, "started");
        var lease = new Dictionary<string, string> { ["XMM_LEASE_SECONDS"] = "2" };
        string[] common = ["run", config, "--cache", CacheArgument(kind), "--namespace", "kill", "--"];
        var holder = Start("xmm.dll", [.. common, "sh", "-c", $"touch '{marker}'; echo partial; sleep 60; echo never"], lease);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(marker)) { Assert.True(DateTime.UtcNow < deadline, "the holder never started its command"); await Task.Delay(50); }
        var waiter = Start("xmm.dll", [.. common, "sh", "-c", "echo from-the-waiter"], lease);
        await Task.Delay(500);
        Assert.False(waiter.HasExited, "the waiter must wait while the holder holds the lease");
        holder.Kill(entireProcessTree: true);
        var result = await Finish(waiter);
        Assert.Equal((0, "from-the-waiter\n", ""), result);
        // The killed run stored nothing: a later run prints the waiter's result without running anything.
        var later = await Finish(Start("xmm.dll", [.. common, "sh", "-c", "echo must-not-run"], lease));
        Assert.Equal((0, "from-the-waiter\n", ""), later);
    }

    [Fact]
    public async Task Only_a_successful_run_is_stored()
    {
        string config = ConfigFile(), cache = CacheArgument("sqlite");
        var failed = await Finish(Start("xmm.dll", ["run", config, "--cache", cache, "--", "sh", "-c", "echo failing; exit 3"]));
        Assert.Equal((3, "failing\n"), (failed.Exit, failed.Out));
        var ok = await Finish(Start("xmm.dll", ["run", config, "--cache", cache, "--", "sh", "-c", "echo ok"]));
        Assert.Equal((0, "ok\n"), (ok.Exit, ok.Out));
        var hit = await Finish(Start("xmm.dll", ["run", config, "--cache", cache, "--", "sh", "-c", "echo must-not-run; exit 9"]));
        Assert.Equal((0, "ok\n", ""), hit);
    }

    [Fact]
    public async Task When_Redis_stops_mid_run_xmm_fails_with_one_clear_line_and_prints_nothing_foreign()
    {
        if (RedisMissing("redis")) return;
        int port = FreePort();
        using var redis = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        try
        {
            await WaitForPort(port);
            string config = ConfigFile(), marker = Path.Combine(_dir, "started");
            var run = Start("xmm.dll", ["run", config, "--cache", $"redis://127.0.0.1:{port}", "--", "sh", "-c", $"touch '{marker}'; sleep 2; echo computed"]);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!File.Exists(marker)) { Assert.True(DateTime.UtcNow < deadline, "the command never started"); await Task.Delay(50); }
            redis.Kill();
            var result = await Finish(run);
            Assert.Equal(1, result.Exit);
            Assert.Equal("computed\n", result.Out); // the command's own output, whole; nothing stored
            string[] errors = result.Err.TrimEnd('\n').Split('\n');
            Assert.Single(errors);
            Assert.StartsWith("xmm: Cannot write 'default:sha256:", errors[0]);
        }
        finally
        {
            if (!redis.HasExited) redis.Kill();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPort(int port)
    {
        for (int i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"redis-server did not listen on {port}");
    }
}
