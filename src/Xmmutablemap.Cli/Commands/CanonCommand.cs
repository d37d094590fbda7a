using System.CommandLine;

namespace Xmmutablemap.Cli.Commands;

/// <summary><c>xmm canon FILE</c>: the canonical bytes on standard output, so that <c>xmm canon f | sha256sum</c> matches <c>xmm hash f</c>.</summary>
internal static class CanonCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "The config file ('-' reads standard input)." };
        var from = CommonOptions.From();
        var command = new Command("canon", "Write the canonical bytes (deterministic MessagePack) of a file to standard output.") { file, from };
        command.SetAction(parse => CommandRunner.Guard(console, () =>
        {
            var map = InputDocument.Load(parse.GetValue(file)!, parse.GetValue(from), console);
            console.OutputStream.Write(map.ToCanonicalBytes());
            console.OutputStream.Flush();
            return ExitCodes.Success;
        }));
        return command;
    }
}
