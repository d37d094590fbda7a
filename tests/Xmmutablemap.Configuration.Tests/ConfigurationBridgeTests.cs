using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xmmutablemap.Configuration;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.Configuration.Tests;

public sealed class ConfigurationBridgeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xmm-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public sealed class OptimizerOptions
    {
        public string Name { get; set; } = "";
        public double Lr { get; set; }
        public List<double> Betas { get; set; } = [];
    }

    public sealed class TrainConfig
    {
        public int Epochs { get; set; }
        public bool Shuffle { get; set; }
        public double Eps { get; set; }
        public OptimizerOptions Optimizer { get; set; } = new();
    }

    [Fact]
    public void A_frozen_YAML_config_feeds_IOptions()
    {
        string yaml = File("train.yaml", "epochs: 10\nshuffle: true\neps: 1.0e-08\noptimizer:\n  name: adamw\n  lr: 0.0003\n  betas: [0.9, 0.999]\n");
        var configuration = new ConfigurationBuilder().AddConfigFile(yaml).Build();
        var services = new ServiceCollection();
        services.AddOptions<TrainConfig>().Bind(configuration);
        using var provider = services.BuildServiceProvider();
        var train = provider.GetRequiredService<IOptions<TrainConfig>>().Value;
        Assert.Equal((10, true, 1e-8), (train.Epochs, train.Shuffle, train.Eps));
        Assert.Equal(("adamw", 0.0003), (train.Optimizer.Name, train.Optimizer.Lr));
        Assert.Equal([0.9, 0.999], train.Optimizer.Betas);
    }

    [Fact]
    public void Freezing_keeps_values_as_strings_and_is_reversible()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:Level"] = "Warning",
            ["Port"] = "8080",
            ["Hosts:0"] = "a",
            ["Hosts:1"] = "b",
            ["Empty"] = null,
        }).Build();
        var frozen = configuration.ToImmutableMap();
        Assert.Equal("ImmutableMap({\"Empty\": null, \"Hosts\": ImmutableMap({\"0\": \"a\", \"1\": \"b\"}), \"Logging\": ImmutableMap({\"Level\": \"Warning\"}), \"Port\": \"8080\"})", frozen.ToString());
        var again = new ConfigurationBuilder().AddImmutableMap(frozen).Build().ToImmutableMap();
        Assert.Equal(frozen, again);
        Assert.Equal(frozen.ContentHash, again.ContentHash);
    }

    [Fact]
    public void A_bad_config_file_names_the_file_when_the_configuration_is_built()
    {
        string bad = File("bad.yaml", "a: 1\na: 2\n");
        var e = Assert.Throws<MapFormatException>(() => new ConfigurationBuilder().AddConfigFile(bad).Build());
        Assert.Equal($"{bad}:2:1: yaml: at a: the key \"a\" appears more than once (first at line 1, column 1)", e.Message);
    }

    [Fact]
    public async Task The_hash_of_a_configuration_is_the_same_in_two_processes_given_the_sources_in_another_order()
    {
        string json = File("appsettings.json", "{\"Logging\": {\"Level\": \"Warning\"}, \"Port\": 8080}");
        string yaml = File("model.yaml", "model:\n  layers: [64, 32]\n  dropout: 0.1\n");
        var environment = new Dictionary<string, string> { ["XMMTEST_Train__Epochs"] = "10", ["XMMTEST_Train__Seed"] = "7" };
        string first = await Host([json, yaml, "env:XMMTEST_"], environment);
        string second = await Host(["env:XMMTEST_", yaml, json], environment);
        Assert.StartsWith("sha256:", first);
        Assert.Equal(first, second);
        // And in this process, from the same sources:
        foreach (var (name, value) in environment) Environment.SetEnvironmentVariable(name, value);
        var here = new ConfigurationBuilder().AddConfigFile(yaml).AddEnvironmentVariables("XMMTEST_").AddJsonFile(json).Build();
        Assert.Equal(first, here.ToImmutableMap().ContentHash + "\n");
    }

    private static async Task<string> Host(string[] sources, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Xmmutablemap.Configuration.TestHost.dll"));
        foreach (string source in sources) start.ArgumentList.Add(source);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        return output;
    }
}
