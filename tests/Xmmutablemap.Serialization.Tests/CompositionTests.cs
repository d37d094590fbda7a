using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using Xmmutablemap.Serialization.Composition;
using Xmmutablemap.Testing;

namespace Xmmutablemap.Serialization.Tests;

/// <summary>Overrides, composition with provenance, and binding (DESIGN section 11).</summary>
public sealed partial class CompositionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xmm-compose-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private static readonly ImmutableMap<string, object?> Config = ImmutableMap.FreezeMap(new Dictionary<string, object?>
    {
        ["optimizer"] = new Dictionary<string, object?> { ["lr"] = 0.001, ["name"] = "adam" },
        ["epochs"] = 10,
        ["seed"] = 1234,
    });

    [Theory]
    [InlineData("epochs=3", "3")]
    [InlineData("epochs=3.0", "3.0")]
    [InlineData("optimizer.lr=3e-4", "0.0003")]
    [InlineData("epochs=true", "true")]
    [InlineData("epochs=null", "null")]
    [InlineData("epochs=~", "null")]
    [InlineData("epochs=[1, 2]", "[1, 2]")]
    [InlineData("epochs={x: 1}", "ImmutableMap({\"x\": 1})")]
    [InlineData("epochs='3'", "\"3\"")]
    [InlineData("epochs=\"a b\"", "\"a b\"")]
    [InlineData("epochs=", "\"\"")]
    [InlineData("epochs=adam", "\"adam\"")]
    [InlineData("epochs=a,b", "\"a,b\"")]
    [InlineData("epochs=#x", "\"#x\"")]
    [InlineData("epochs=/data/x=y", "\"/data/x=y\"")]
    [InlineData("epochs=0o17", "15")]
    [InlineData("epochs=[1, 2", "\"[1, 2\"")]
    [InlineData("epochs={x: 1", "\"{x: 1\"")]
    [InlineData("epochs=*star*", "\"*star*\"")]
    [InlineData("epochs=!important", "\"!important\"")]
    [InlineData("epochs='1e400'", "\"1e400\"")]
    public void Override_values_are_read_as_YAML_1_2_flow_nodes(string text, string expected)
    {
        var change = ConfigOverride.Parse(text);
        Assert.Equal(expected, ModelValue.Format(change.ApplyTo(Config).GetPath(change.Path)));
    }

    [Theory]
    [InlineData("optimizer.lrr=1e-3", "override 'optimizer.lrr=1e-3': `optimizer.lrr` does not exist; did you mean `optimizer.lr`? Use `+optimizer.lrr=...` to add it.")]
    [InlineData("+optimizer.lr=1", "override '+optimizer.lr=1': `optimizer.lr` already exists (0.001); use `optimizer.lr=...` to change it, or `++optimizer.lr=...` to set it either way.")]
    [InlineData("~optimizer.momentum", "override '~optimizer.momentum': `optimizer.momentum` does not exist.")]
    [InlineData("~seed=1", "override '~seed=1': `seed` is 1234, not 1, so it is not removed.")]
    [InlineData("epochs.x=1", "override 'epochs.x=1': `epochs.x` does not exist. Use `+epochs.x=...` to add it.")]
    [InlineData("+epochs.x=1", "override '+epochs.x=1': The path `epochs.x` does not exist: `epochs` is the integer 10, not a map or a list.")]
    [InlineData("optimizer.lr", "override 'optimizer.lr': expected PATH=VALUE (or ~PATH to remove a key)")]
    [InlineData("=1", "override '=1': the path is empty")]
    [InlineData("a..b=1", "override 'a..b=1': Malformed path 'a..b' at column 3: expected a key after '.'.")]
    // A value YAML reads as a number or a collection keeps the model's rules, as in a file: never the string it was typed as.
    [InlineData("optimizer.lr=1e400", "override 'optimizer.lr=1e400': the number 1e400 overflows a 64-bit float")]
    [InlineData("seed=18446744073709551616", "override 'seed=18446744073709551616': the integer 18446744073709551616 is outside the range -2^63..2^64-1")]
    [InlineData("seed=[1, -1e999]", "override 'seed=[1, -1e999]': at [1] in the value: the number -1e999 overflows a 64-bit float")]
    [InlineData("seed={a: {x: 1, x: 2}}", "override 'seed={a: {x: 1, x: 2}}': at a.x in the value: the key \"x\" appears more than once")]
    [InlineData("seed=[*a]", "override 'seed=[*a]': at [0] in the value: the alias *a refers to no complete anchor (an unknown anchor, or one that contains this alias)")]
    [InlineData("seed=\"\\ud800\"", "override 'seed=\"\\ud800\"': the quoted value is not one YAML string (While scanning a quoted scalar, found invalid Unicode surrogates)")]
    [InlineData("seed=\"abc", "override 'seed=\"abc': the quoted value is not one YAML string (While scanning a quoted scalar, found unexpected end of stream)")]
    [InlineData("seed='it's'", "override 'seed='it's'': the quoted value is not one YAML string (While parsing a flow mapping, did not find expected ',' or '}')")]
    public void Override_errors_name_the_override_the_path_and_why(string text, string message)
    {
        var e = Assert.Throws<ConfigOverrideException>(() => ConfigOverride.Parse(text).ApplyTo(Config));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void An_override_value_with_a_lone_surrogate_is_refused_where_it_is_parsed()
    {
        // Only a .NET string can carry one (a file's bytes are strict UTF-8): YamlDotNet's scanner lets it through.
        // A [Fact], not [InlineData]: xUnit's theory data would not keep a lone surrogate.
        var e = Assert.Throws<ConfigOverrideException>(() => ConfigOverride.Parse("seed=a\ud800"));
        Assert.Equal("override 'seed=a\ud800': the string contains a lone surrogate, which is not a Unicode scalar value", e.Message);
        Assert.Throws<ConfigOverrideException>(() => ConfigOverride.Parse("seed=[\udc00]"));
    }

    /// <summary>The same overrides applied to a nested Dictionary by hand: the reference the real thing must agree with.</summary>
    private static Dictionary<string, object?> Apply(Dictionary<string, object?> model, OverrideKind kind, string[] path, object? value)
    {
        var parent = model;
        for (int i = 0; i < path.Length - 1; i++)
        {
            if (!parent.TryGetValue(path[i], out var child)) parent[path[i]] = child = new Dictionary<string, object?>();
            parent = (Dictionary<string, object?>)child!;
        }
        if (kind == OverrideKind.Remove) parent.Remove(path[^1]);
        else parent[path[^1]] = value;
        return model;
    }

    private static Dictionary<string, object?> Mutable(IImmutableMap map) => Enumerable.Range(0, map.Count).ToDictionary(
        i => (string)map.GetKey(i), i => map.GetValue(i) is ImmutableMap<string, object?> nested ? Mutable(nested) : map.GetValue(i));

    [Fact]
    public void Every_override_kind_agrees_with_the_same_change_to_a_Dictionary()
    {
        var keys = Gen.OneOfConst("a", "b", "c");
        var config = Gen.Select(keys, Gen.Select(keys, Gen.Int[0, 9]).Array[0, 3]).Array[0, 4].Select(entries =>
        {
            var root = new Dictionary<string, object?>();
            foreach (var (k, inner) in entries) root[k] = inner.GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => (object?)(long)g.Last().Item2);
            return ImmutableMap.FreezeMap(root);
        });
        var change = Gen.Select(Gen.Int[0, 3], keys, keys, Gen.Int[0, 9]);
        Gen.Select(config, change).Sample((map, c) =>
        {
            var (kindIndex, k1, k2, n) = c;
            var kind = (OverrideKind)kindIndex;
            string path = k1 + "." + k2;
            string text = kind switch { OverrideKind.Set => $"{path}={n}", OverrideKind.Add => $"+{path}={n}", OverrideKind.SetOrAdd => $"++{path}={n}", _ => $"~{path}" };
            bool exists = map.TryGetValue(k1, out var parent) && parent is ImmutableMap<string, object?> p && p.ContainsKey(k2);
            bool parentIsScalar = map.TryGetValue(k1, out var maybe) && maybe is not IImmutableMap;
            bool applies = !parentIsScalar && kind switch { OverrideKind.Set or OverrideKind.Remove => exists, OverrideKind.Add => !exists, _ => true };
            if (!applies)
            {
                Assert.Throws<ConfigOverrideException>(() => ConfigOverride.Parse(text).ApplyTo(map));
                return;
            }
            var expected = ImmutableMap.FreezeMap(Apply(Mutable(map), kind, [k1, k2], (long)n));
            Assert.Equal(expected, ConfigOverride.Parse(text).ApplyTo(map));
        }, iter: 500);
    }

    [Fact]
    public void Compose_merges_files_applies_overrides_and_records_origins()
    {
        string baseFile = File("base.yaml", "model:\n  layers: [64, 32]\n  dropout: 0.1\noptimizer:\n  lr: 0.001\n  name: adam\nseed: 1\ndebug: true\n");
        string exp = File("exp.json", "{\"optimizer\": {\"lr\": 0.0003}, \"model\": {\"layers\": [128]}}");
        var composed = ConfigComposer.Compose([baseFile, exp], ["optimizer.name=sgd", "+data.shuffle=true", "~debug"]);
        var expected = ImmutableMap.FreezeMap(new Dictionary<string, object?>
        {
            ["model"] = new Dictionary<string, object?> { ["layers"] = new List<object?> { 128 }, ["dropout"] = 0.1 },
            ["optimizer"] = new Dictionary<string, object?> { ["lr"] = 0.0003, ["name"] = "sgd" },
            ["seed"] = 1,
            ["data"] = new Dictionary<string, object?> { ["shuffle"] = true },
        });
        Assert.Equal(expected, composed.Map);
        Assert.Equal(expected.ContentHash, composed.ContentHash);
        Assert.Equal(
        [
            ("data.shuffle", "+data.shuffle=true"),
            ("model.dropout", $"{baseFile}:3:12"),
            ("model.layers[0]", $"{exp}:1:51"),
            ("optimizer.lr", $"{exp}:1:22"),
            ("optimizer.name", "optimizer.name=sgd"),
            ("seed", $"{baseFile}:7:7"),
        ], composed.Origins.ToArray());
    }

    [Fact]
    public void Composing_the_same_config_in_different_ways_gives_the_same_hash()
    {
        string a = File("a.yaml", "x: {p: 1, q: [1, 2]}\ny: 2\n");
        string b = File("b.yaml", "x: {q: [3]}\nz: 3\n");
        string merged = File("ab.yaml", "x: {p: 1, q: [3]}\ny: 2\nz: 3\n");
        var viaFiles = ConfigComposer.Compose([a, b], []);
        var viaOverrides = ConfigComposer.Compose([a], ["x.q=[3]", "+z=3"]);
        var direct = ConfigComposer.Compose([merged], []);
        Assert.Equal(direct.ContentHash, viaFiles.ContentHash);
        Assert.Equal(direct.ContentHash, viaOverrides.ContentHash);
    }

    [Fact]
    public void Strict_composition_refuses_a_key_the_base_does_not_have()
    {
        string a = File("a.yaml", "optimizer: {lr: 0.1}\n");
        string b = File("b.yaml", "optimizer: {lrr: 0.2}\n");
        var e = Assert.Throws<ArgumentException>(() => ConfigComposer.Compose([a, b], [], MergeMode.Strict));
        Assert.Equal("Strict merge: `optimizer.lrr` is not in the base config.", e.Message);
    }

    public sealed record Optimizer(string Name, double Lr, ImmutableArray<double> Betas);

    public sealed record TrainConfig
    {
        public required int Epochs { get; init; }
        public required Optimizer Optimizer { get; init; }
        public string? Notes { get; init; }
    }

    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly ImmutableMap<string, object?> TrainMap = ImmutableMap.FreezeMap(new Dictionary<string, object?>
    {
        ["epochs"] = 10,
        ["optimizer"] = new Dictionary<string, object?> { ["name"] = "adam", ["lr"] = 1.0, ["betas"] = new List<object?> { 0.9, 0.999 } },
        ["notes"] = null,
    });

    [Fact]
    public void A_config_binds_to_a_record_and_back_to_the_same_hash()
    {
        var train = ConfigBinder.Bind<TrainConfig>(TrainMap, SnakeCase);
        Assert.Equal(10, train.Epochs);
        Assert.Equal(("adam", 1.0), (train.Optimizer.Name, train.Optimizer.Lr));
        Assert.Equal(new[] { 0.9, 0.999 }, train.Optimizer.Betas.ToArray());
        var back = ConfigBinder.ToMap(train, SnakeCase);
        Assert.Equal(1.0, back.GetPath("optimizer.lr")); // a float, though integral
        Assert.Equal(TrainMap.ContentHash, back.ContentHash);
    }

    [Theory]
    [InlineData("epochs", 10.5, "at `epochs`: The JSON value could not be converted to System.Int32")]
    [InlineData("optimizer.lr", "fast", "at `optimizer.lr`: The JSON value could not be converted to")]
    [InlineData("extra", 1, "at `extra`: The JSON property 'extra' could not be mapped to any .NET member contained in type 'Xmmutablemap.Serialization.Tests.CompositionTests+TrainConfig'")]
    public void Binding_is_strict_and_names_the_path(string path, object value, string message)
    {
        var map = TrainMap.SetPath(path, value);
        var e = Assert.Throws<ConfigBindingException>(() => ConfigBinder.Bind<TrainConfig>(map, SnakeCase));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Binding_refuses_a_missing_required_member()
    {
        var e = Assert.Throws<ConfigBindingException>(() => ConfigBinder.Bind<TrainConfig>(TrainMap.RemovePath("epochs"), SnakeCase));
        Assert.Contains("missing required properties including: 'epochs'", e.Message);
    }

    [JsonSerializable(typeof(TrainConfig))]
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, RespectRequiredConstructorParameters = true)]
    internal sealed partial class TrainContext : JsonSerializerContext;

    [Fact]
    public void Binding_works_through_a_source_generated_contract()
    {
        var train = ConfigBinder.Bind(TrainMap, TrainContext.Default.TrainConfig);
        Assert.Equal("adam", train.Optimizer.Name);
        Assert.Equal(TrainMap.ContentHash, ConfigBinder.ToMap(train, TrainContext.Default.TrainConfig).ContentHash);
        Assert.Throws<ConfigBindingException>(() => ConfigBinder.Bind(TrainMap.SetPath("extra", 1), TrainContext.Default.TrainConfig));
    }
}
