using System.CommandLine;
using Xmmutablemap.Cli.Commands;

namespace Xmmutablemap.Cli;

/// <summary>The <c>xmm</c> command line: parses the arguments and runs a command against the given streams.</summary>
internal static class XmmApp
{
    public static RootCommand Build(CliConsole console) =>
        new("xmm: hash, canonicalize, convert, diff, query and compose frozen config files (JSON, YAML, MessagePack, protobuf).")
        {
            HashCommand.Create(console),
            CanonCommand.Create(console),
            ConvertCommand.Create(console),
            DiffCommand.Create(console),
            GetCommand.Create(console),
            ComposeCommand.Create(console),
            RunCommand.Create(console),
        };

    public static int Run(string[] args, CliConsole console)
    {
        // xmm run ... -- COMMAND [ARG...]: the command's words are its own, whatever they look like.
        int separator = Array.IndexOf(args, "--");
        if (args.Length > 0 && args[0] == "run" && separator > 0)
        {
            Commands.RunCommand.CommandLine = args[(separator + 1)..];
            args = args[..separator];
        }
        var root = Build(console);
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
