using System.Security.Cryptography;
using System.Text;
using static Xmmutablemap.Cli.Tests.CliRunner;

namespace Xmmutablemap.Cli.Tests;

public sealed class CommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xmm-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Computed by schemas/reference/canonical.py, independently of the C# code.
    private const string RunHash = "sha256:1c6041214db95508213aeaa95fefa7d620a5f00072e36fdf3b50fc9fcbf839ab";
    private const string TrainHash = "sha256:894bd1b4984d635751d8b96f0de852f816d12b1d3aa97e780423762500c294a3";

    [Fact]
    public void Hash_prints_sha256sum_lines_in_the_order_given()
    {
        var result = Run("hash", Golden("run.yaml"), Example("train.yaml"), Example("train.json"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{RunHash}  {Golden("run.yaml")}\n{TrainHash}  {Example("train.yaml")}\n{TrainHash}  {Example("train.json")}\n", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void Hash_of_the_same_config_in_four_formats_is_the_same()
    {
        foreach (var format in new[] { "json", "yaml", "msgpack", "protobuf" })
            Assert.Equal(0, Run("convert", Example("train.yaml"), "--to", format, "--out-dir", _dir).ExitCode);
        var files = new[] { "train.json", "train.yaml", "train.msgpack", "train.binpb" }.Select(f => Path.Combine(_dir, f)).ToArray();
        var result = Run(["hash", .. files]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Concat(files.Select(f => $"{TrainHash}  {f}\n")), result.Stdout);
    }

    [Fact]
    public void Hash_goes_on_after_a_bad_file_and_exits_1()
    {
        string bad = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(bad, "a: 1\na: 2\n");
        var result = Run("hash", bad, Golden("run.yaml"), Path.Combine(_dir, "missing.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{RunHash}  {Golden("run.yaml")}\n", result.Stdout);
        Assert.Equal(
            $"xmm: {bad}:2:1: yaml: at a: the key \"a\" appears more than once (first at line 1, column 1)\n" +
            $"xmm: {Path.Combine(_dir, "missing.json")}: no such file or directory\n",
            result.Stderr);
    }

    [Fact]
    public void Canon_output_hashes_to_the_hash()
    {
        var result = Run("canon", Example("train.yaml"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(TrainHash, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(result.StdoutBytes)));
        Assert.Equal(0x80 | 7, result.StdoutBytes[0]); // a fixmap of the config's 7 sections
    }

    [Fact]
    public void Convert_to_json_and_yaml_matches_the_golden_files()
    {
        var json = Run("convert", Golden("run.yaml"), "--to", "json");
        Assert.Equal(0, json.ExitCode);
        Assert.Equal(File.ReadAllText(Golden("run.expected.json")), json.Stdout);
        var yaml = Run("convert", Golden("run.yaml"), "--to", "yaml");
        Assert.Equal(File.ReadAllText(Golden("run.expected.yaml")), yaml.Stdout);
        // And back: the golden outputs read to the same content hash.
        Assert.Equal($"{RunHash}  {Golden("run.expected.json")}\n{RunHash}  {Golden("run.expected.yaml")}\n",
            Run("hash", Golden("run.expected.json"), Golden("run.expected.yaml")).Stdout);
    }

    [Fact]
    public void Convert_to_msgpack_writes_the_canonical_bytes()
    {
        var msgpack = Run("convert", Golden("run.yaml"), "--to", "msgpack");
        Assert.Equal(Run("canon", Golden("run.yaml")).StdoutBytes, msgpack.StdoutBytes);
    }

    [Fact]
    public void Convert_with_output_file_and_out_dir()
    {
        string target = Path.Combine(_dir, "out.binpb");
        Assert.Equal(0, Run("convert", Golden("run.yaml"), "--to", "protobuf", "-o", target).ExitCode);
        Assert.Equal($"{RunHash}  {target}\n", Run("hash", target).Stdout);
        Assert.Equal(0, Run("convert", Golden("run.yaml"), Example("service.yaml"), "--to", "json", "--out-dir", _dir).ExitCode);
        Assert.True(File.Exists(Path.Combine(_dir, "run.json")));
        Assert.True(File.Exists(Path.Combine(_dir, "service.json")));
    }

    [Fact]
    public void A_failed_conversion_leaves_an_existing_target_untouched_and_creates_nothing()
    {
        string source = Path.Combine(_dir, "special.yaml");
        File.WriteAllText(source, "a: .nan\n");
        string target = Path.Combine(_dir, "special.json");
        File.WriteAllText(target, "{\"old\": 1}\n");
        var result = Run("convert", source, "--to", "json", "-o", target);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"xmm: {source}: json: at a: JSON cannot carry the float NaN\n", result.Stderr);
        Assert.Equal("{\"old\": 1}\n", File.ReadAllText(target));
        Assert.Equal(["special.json", "special.yaml"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());

        var fresh = Run("convert", source, "--to", "json", "--out-dir", Path.Combine(_dir));
        Assert.Equal(1, fresh.ExitCode);
        Assert.Equal(2, Directory.GetFiles(_dir).Length);
    }

    [Fact]
    public void Standard_input_is_read_from_dash()
    {
        byte[] yaml = File.ReadAllBytes(Golden("run.yaml"));
        Assert.Equal($"{RunHash}  -\n", RunWithInput(yaml, "hash", "-").Stdout);
        byte[] json = File.ReadAllBytes(Golden("run.expected.json"));
        Assert.Equal($"{RunHash}  -\n", RunWithInput(json, "hash", "-").Stdout);
        byte[] protobuf = Run("convert", Golden("run.yaml"), "--to", "protobuf").StdoutBytes;
        Assert.Equal($"{RunHash}  -\n", RunWithInput(protobuf, "hash", "-", "--from", "protobuf").Stdout);
        byte[] msgpack = Run("canon", Golden("run.yaml")).StdoutBytes;
        Assert.Equal($"{RunHash}  -\n", RunWithInput(msgpack, "hash", "-").Stdout);
    }

    [Fact]
    public void Diff_lists_changes_in_canonical_path_order_and_exits_1()
    {
        var result = Run("diff", Golden("run.yaml"), Golden("run2.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(File.ReadAllText(Golden("run.expected.diff")), result.Stdout);
        var same = Run("diff", Golden("run.yaml"), Golden("run.expected.json"));
        Assert.Equal(0, same.ExitCode);
        Assert.Equal("", same.Stdout);
        var trouble = Run("diff", Golden("run.yaml"), Path.Combine(_dir, "missing.yaml"));
        Assert.Equal(2, trouble.ExitCode);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("hash")]
    [InlineData("convert", "a.yaml")]
    [InlineData("convert", "a.yaml", "--to", "toml")]
    [InlineData("convert", "a.yaml", "b.yaml", "--to", "json")]
    [InlineData("convert", "a.yaml", "b.yaml", "--to", "json", "-o", "x.json")]
    [InlineData("hash", "a.toml")]
    [InlineData("diff", "a.yaml")]
    public void Usage_errors_exit_2_with_a_hint(params string[] args)
    {
        var result = Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("xmm: ", result.Stderr);
        Assert.EndsWith("Try 'xmm --help' for more information.\n", result.Stderr);
    }

    [Fact]
    public void Help_lists_the_commands()
    {
        var result = Run("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "hash", "canon", "convert", "diff" }) Assert.Contains(command, result.Stdout);
        Assert.Contains("--to", Run("convert", "--help").Stdout);
    }

    public static TheoryData<string, string, string> HostileFiles() => new()
    {
        { "deep.json", "{\"a\":" + new string('[', 100_000), "deeper than the limit of 64" },
        { "dup.yaml", "a: 1\nb: 2\na: 3\n", "appears more than once" },
        { "bomb.yaml", BillionLaughs(), "aliases add more than 1000000 values" },
        { "lying.msgpack", "\u0081", "ends" },
        { "lying.binpb", "", "runs past the end" },
        { "bad-utf8.yaml", "", "not valid UTF-8" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public void Hostile_files_exit_1_with_one_line_naming_the_file(string name, string text, string expected)
    {
        string path = Path.Combine(_dir, name);
        byte[] bytes = name switch
        {
            "lying.msgpack" => Convert.FromHexString("81a161ddffffffff"),
            "lying.binpb" => Convert.FromHexString("0affffffff0f0a"),
            "bad-utf8.yaml" => [(byte)'a', (byte)':', (byte)' ', 0xc3, 0x28, (byte)'\n'],
            _ => Encoding.UTF8.GetBytes(text),
        };
        File.WriteAllBytes(path, bytes);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = Run("hash", path);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith($"xmm: {path}", result.Stderr);
        Assert.Contains(expected, result.Stderr);
        Assert.Equal(1, result.Stderr.Count(c => c == '\n'));
    }

    private static string BillionLaughs()
    {
        var yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'i'; c++) yaml.Append($"{c}: &{c} [{string.Join(", ", Enumerable.Repeat("*" + (char)(c - 1), 9))}]\n");
        return yaml.ToString();
    }
}
