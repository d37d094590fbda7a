using System.CommandLine;
using Xmmutablemap.Cli.Commands;

namespace Xmmutablemap.Cli;

/// <summary>The <c>xmm</c> command line: parses the arguments and runs a command against the given streams.</summary>
internal static class XmmApp
{
    /// <param name="console">The streams.</param>
    /// <param name="runCommand">For <c>xmm run</c>: the command after <c>--</c>.</param>
    public static RootCommand Build(CliConsole console, string[]? runCommand = null) =>
        new("xmm: hash, canonicalize, convert, diff, query and compose frozen config files (JSON, YAML, MessagePack, protobuf).")
        {
            HashCommand.Create(console),
            CanonCommand.Create(console),
            ConvertCommand.Create(console),
            DiffCommand.Create(console),
            GetCommand.Create(console),
            ComposeCommand.Create(console),
            RunCommand.Create(console, runCommand ?? []),
        };

    public static int Run(string[] args, CliConsole console)
    {
        // xmm run ... -- COMMAND [ARG...]: the command's words are its own, whatever they look like.
        int separator = Array.IndexOf(args, "--");
        string[] runCommand = [];
        if (args.Length > 0 && args[0] == "run" && separator > 0)
        {
            runCommand = args[(separator + 1)..];
            args = args[..separator];
        }
        var root = Build(console, runCommand);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line: an unknown word also makes System.CommandLine report a missing command; the word is the news.
            var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            console.ReportError(error.Message);
            console.Error.WriteLine("Try 'xmm --help' for more information.");
            return ExitCodes.Usage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            console.ReportError(e.Message);
            console.Error.WriteLine("Try 'xmm --help' for more information.");
            return ExitCodes.Usage;
        }
    }
}
