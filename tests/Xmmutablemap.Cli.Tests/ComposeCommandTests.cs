using static Xmmutablemap.Cli.Tests.CliRunner;

namespace Xmmutablemap.Cli.Tests;

/// <summary><c>xmm compose</c>, <c>xmm get</c> and <c>xmm hash --exclude</c> (DESIGN section 8).</summary>
public sealed class ComposeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xmm-compose-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    // OmegaConf semantics for base.yaml + exp.json + a.b=3 +c.d=[1,2] ~e:
    // {"a": {"b": 3, "c": [3]}, "c": {"d": [1, 2]}, "d": "x", "f": true}, hashed by schemas/reference/canonical.py --hash.
    private const string ComposedHash = "sha256:2a17ac4221ca029f34760134a4c376b3a3e1f09bd38d705bb88e1570db888e52";

    private (string Base, string Exp) Files() =>
        (File("base.yaml", "a:\n  b: 1\n  c: [1, 2]\nd: x\ne: 5\n"), File("exp.json", "{\"a\": {\"c\": [3]}, \"f\": true}"));

    [Fact]
    public void Compose_hash_is_the_hash_of_the_map_OmegaConf_semantics_describe()
    {
        var (b, e) = Files();
        var result = Run("compose", b, e, "a.b=3", "+c.d=[1,2]", "~e", "--hash");
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ComposedHash + "\n", result.Stdout);
    }

    [Fact]
    public void Compose_to_a_file_then_hash_gives_the_same_hash()
    {
        var (b, e) = Files();
        string output = Path.Combine(_dir, "out.yaml");
        Assert.Equal(0, Run("compose", b, e, "a.b=3", "+c.d=[1,2]", "~e", "-o", output).ExitCode);
        Assert.Equal($"{ComposedHash}  {output}\n", Run("hash", output).Stdout);
        Assert.Equal("a:\n  b: 3\n  c:\n  - 3\nc:\n  d:\n  - 1\n  - 2\nd: x\nf: true\n", System.IO.File.ReadAllText(output));
    }

    [Fact]
    public void Compose_origins_name_the_source_of_every_leaf()
    {
        var (b, e) = Files();
        var result = Run("compose", b, e, "a.b=3", "+c.d=[1,2]", "~e", "--origins");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "a.b\ta.b=3\n" +
            $"a.c[0]\t{e}:1:13\n" +
            "c.d[0]\t+c.d=[1,2]\n" +
            "c.d[1]\t+c.d=[1,2]\n" +
            $"d\t{b}:4:4\n" +
            $"f\t{e}:1:24\n",
            result.Stdout);
    }

    [Fact]
    public void Compose_errors_are_one_line_with_exit_1_and_usage_errors_exit_2()
    {
        var (b, _) = Files();
        var missing = Run("compose", b, "a.bb=1");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("xmm: override 'a.bb=1': `a.bb` does not exist; did you mean `a.b`? Use `+a.bb=...` to add it.\n", missing.Stderr);
        var noFile = Run("compose", "a=1");
        Assert.Equal(2, noFile.ExitCode);
        Assert.StartsWith("xmm: compose needs at least one config file\n", noFile.Stderr);
        var bad = Run("compose", b, Path.Combine(_dir, "nope.yaml"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal($"xmm: {Path.Combine(_dir, "nope.yaml")}: no such file or directory\n", bad.Stderr);
    }

    [Theory]
    [InlineData("a.b", "1\n")]
    [InlineData("d", "x\n")]
    [InlineData("f", "3.0\n")]
    [InlineData("n", "null\n")]
    [InlineData("inf", ".inf\n")]
    [InlineData("t", "true\n")]
    [InlineData("bin", "aGk=\n")]
    [InlineData("a", "b: 1\nc:\n- 1\n- 2\n")]
    [InlineData("a.c", "value:\n- 1\n- 2\n")]
    public void Get_prints_the_value_at_a_path(string path, string expected)
    {
        string file = File("c.yaml", "a:\n  b: 1\n  c: [1, 2]\nd: x\nf: 3.0\nn: null\ninf: .inf\nt: true\nbin: !!binary aGk=\n");
        var result = Run("get", file, path);
        Assert.Equal("", result.Stderr);
        Assert.Equal(expected, result.Stdout);
    }

    [Fact]
    public void Get_of_a_missing_path_names_the_nearest_key()
    {
        string file = File("c.yaml", "optimizer:\n  lr: 0.1\n");
        var result = Run("get", file, "optimizer.lrr");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"xmm: {file}: The path `optimizer.lrr` does not exist: `optimizer` has no key \"lrr\" (did you mean `optimizer.lr`?).\n", result.Stderr);
        var malformed = Run("get", file, "a..b");
        Assert.Equal(2, malformed.ExitCode);
        Assert.StartsWith("xmm: Malformed path 'a..b' at column 3: expected a key after '.'.\n", malformed.Stderr);
    }

    [Fact]
    public void Hash_exclude_leaves_paths_out_and_ignores_absent_ones()
    {
        string with = File("with.yaml", "lr: 0.1\nseed: 7\nout: {dir: /tmp/a, keep: 1}\n");
        string without = File("without.yaml", "lr: 0.1\nout: {keep: 1}\n");
        string expected = Run("hash", without).Stdout.Split(' ')[0];
        Assert.Equal($"{expected}  {with}\n", Run("hash", with, "--exclude", "seed,out.dir,not.there").Stdout);
        Assert.Equal($"{expected}  {with}\n", Run("hash", with, "--exclude", "seed", "--exclude", "out.dir").Stdout);
    }

    [Fact]
    public void Run_usage_errors_exit_2_with_one_line()
    {
        string config = File("c.yaml", "a: 1\n");
        var scheme = Run("run", config, "--cache", "http://cache:80", "--", "echo", "x");
        Assert.Equal((2, "xmm: --cache takes a directory or redis://HOST:PORT, not 'http://cache:80'\n"), (scheme.ExitCode, scheme.Stderr.Split("Try")[0]));
        var noCommand = Run("run", config);
        Assert.Equal(2, noCommand.ExitCode);
        Assert.StartsWith("xmm: run needs the command after '--': xmm run CONFIG [OVERRIDE...] -- COMMAND [ARG...]\n", noCommand.Stderr);
    }
}
