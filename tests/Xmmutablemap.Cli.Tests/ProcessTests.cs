using static Xmmutablemap.Cli.Tests.CliRunner;

namespace Xmmutablemap.Cli.Tests;

/// <summary>The built tool as a process: start-up, arguments, streams and exit codes end to end.</summary>
public class ProcessTests
{
    [Fact]
    public void The_built_tool_hashes_a_config_and_reports_errors_with_exit_codes()
    {
        var ok = RunProcess("hash", Example("train.yaml"));
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal($"sha256:894bd1b4984d635751d8b96f0de852f816d12b1d3aa97e780423762500c294a3  {Example("train.yaml")}\n", ok.Stdout);
        Assert.Equal("", ok.Stderr);

        var bad = RunProcess("hash", Example("missing.yaml"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal($"xmm: {Example("missing.yaml")}: no such file or directory\n", bad.Stderr);

        var usage = RunProcess("convert");
        Assert.Equal(2, usage.ExitCode);
        Assert.DoesNotContain("   at ", usage.Stderr); // no stack trace
    }
}
