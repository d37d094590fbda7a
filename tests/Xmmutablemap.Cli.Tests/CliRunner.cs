using System.Diagnostics;
using System.Text;

namespace Xmmutablemap.Cli.Tests;

/// <summary>Runs xmm in-process against in-memory streams, or as a real process.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, byte[] StdoutBytes, string Stderr)
    {
        public string Stdout => Encoding.UTF8.GetString(StdoutBytes);
    }

    public static Result Run(params string[] args) => RunWithInput([], args);

    public static Result RunWithInput(byte[] stdin, params string[] args)
    {
        using var input = new MemoryStream(stdin);
        using var output = new MemoryStream();
        using var error = new MemoryStream();
        int exit = XmmApp.Run(args, new CliConsole(input, output, error));
        return new Result(exit, output.ToArray(), Encoding.UTF8.GetString(error.ToArray()));
    }

    /// <summary>Runs the built xmm.dll with the dotnet host, as a user's shell would.</summary>
    public static Result RunProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "xmm.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        using var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "xmm did not exit within 60 s");
        copy.Wait();
        return new Result(process.ExitCode, stdout.ToArray(), stderr);
    }

    public static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name);

    public static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "golden", name);
}
