using System.Text;
using static Xmmutablemap.Cli.Tests.CliRunner;

namespace Xmmutablemap.Cli.Tests;

/// <summary>The rough edges a new user met, each pinned with its exact output.</summary>
public sealed class RoughEdgeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xmm-edges-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Convert_to_dash_writes_to_standard_output_and_creates_no_file()
    {
        string input = File("c.yaml", "a: 1\n");
        var result = Run("convert", input, "--to", "json", "-o", "-");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\n  \"a\": 1\n}\n", result.Stdout);
        Assert.Equal(new[] { input }, Directory.GetFiles(_dir));
    }

    [Fact]
    public void An_output_side_error_names_the_input_file()
    {
        string input = File("n.yaml", "a: .nan\n");
        var result = Run("convert", input, "--to", "json", "-o", Path.Combine(_dir, "n.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"xmm: {input}: json: at a: JSON cannot carry the float NaN\n", result.Stderr);
        Assert.Equal(new[] { input }, Directory.GetFiles(_dir)); // no output, no temporary file
    }

    [Fact]
    public void Protobuf_on_standard_input_gets_one_position_and_the_hint_to_name_the_format()
    {
        string binpb = Path.Combine(_dir, "train.binpb");
        Assert.Equal(0, Run("convert", Example("train.yaml"), "--to", "protobuf", "-o", binpb).ExitCode);
        var result = RunWithInput(System.IO.File.ReadAllBytes(binpb), "hash", "-");
        Assert.Equal(1, result.ExitCode);
        // A protobuf Map starts with 0x0a, a line feed: the position is a line and column, with no byte offset beside it.
        Assert.Equal("xmm: -:2:1: yaml: the input is not valid UTF-8 (standard input was read as yaml; name its format with --from json|yaml|msgpack|protobuf)\n", result.Stderr);
        var named = RunWithInput(Convert.FromHexString("0a070a0161220218 02".Replace(" ", "")), "hash", "--from", "protobuf", "-");
        Assert.Equal(0, named.ExitCode);
    }

    [Fact]
    public void System_Text_Json_advice_to_programmers_does_not_reach_the_user()
    {
        var result = RunWithInput(Encoding.UTF8.GetBytes("{\"a\": 1,}"), "hash", "-");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("xmm: -:1:9: json: The JSON object contains a trailing comma at the end which JSON does not allow\n", result.Stderr);
    }

    [Fact]
    public void An_unknown_command_is_one_error_line()
    {
        var result = Run("frobnicate");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("xmm: Unrecognized command or argument 'frobnicate'.\nTry 'xmm --help' for more information.\n", result.Stderr);
    }

    [Fact]
    public void Indented_json_lays_out_float_lists_like_integer_lists()
    {
        string input = File("f.yaml", "betas: [0.9, 0.95]\nsizes: [1, 2]\nnested: [[1.0]]\n");
        var result = Run("convert", input, "--to", "json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\n  \"betas\": [\n    0.9,\n    0.95\n  ],\n  \"nested\": [\n    [\n      1.0\n    ]\n  ],\n  \"sizes\": [\n    1,\n    2\n  ]\n}\n", result.Stdout);
    }

    [Fact]
    public void The_readme_error_example_is_real()
    {
        var result = Run("hash", "examples/bad.yaml");
        // Run from the test's folder, where examples/ is copied.
        var inFolder = Run("hash", Example("bad.yaml"));
        Assert.Equal(1, inFolder.ExitCode);
        Assert.Equal($"xmm: {Example("bad.yaml")}:4:3: yaml: at optimizer.lr: the key \"lr\" appears more than once (first at line 3, column 3)\n", inFolder.Stderr);
        Assert.Equal(1, result.ExitCode);
    }

    [Theory]
    [InlineData("a: \"\\UFFFFFFFF\"", "1:15: yaml: the YAML is malformed here")]
    [InlineData("a: !<> x", "1:7: yaml: the YAML is malformed here (Tag value must not be empty)")]
    [InlineData("a: !<tag:yaml.]rg,2002:str> x", "1:28: yaml: the YAML is malformed here (Global tags must be valid URIs)")]
    public void Tiny_yaml_files_that_crashed_the_tool_exit_1_with_one_line(string yaml, string expected)
    {
        string input = File("crash.yaml", yaml);
        var result = RunProcess("hash", input);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"xmm: {input}:{expected}", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }
}
