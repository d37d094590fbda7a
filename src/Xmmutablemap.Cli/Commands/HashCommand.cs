using System.CommandLine;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.Cli.Commands;

/// <summary><c>xmm hash FILE...</c>: one <c>sha256:&lt;hex&gt;  FILE</c> line per file, in the sha256sum layout.</summary>
internal static class HashCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("FILE") { Description = "Config files to hash ('-' reads standard input).", Arity = ArgumentArity.OneOrMore };
        var from = CommonOptions.From();
        var command = new Command("hash", "Print the content hash of each file: \"sha256:<hex>  FILE\", like sha256sum.") { files, from };
        command.SetAction(parse =>
        {
            int exit = ExitCodes.Success;
            foreach (string file in parse.GetValue(files)!)
            {
                // One bad file does not stop the others, as with sha256sum.
                exit = Math.Max(exit, CommandRunner.Guard(console, () =>
                {
                    var map = InputDocument.Load(file, parse.GetValue(from), console);
                    console.Out.WriteLine($"{map.ContentHash}  {file}");
                    return ExitCodes.Success;
                }));
            }
            return exit;
        });
        return command;
    }
}
