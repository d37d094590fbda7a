using System.CommandLine;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.Cli.Commands;

/// <summary><c>xmm hash FILE... [--exclude PATH[,PATH...]]</c>: one <c>sha256:&lt;hex&gt;  FILE</c> line per file, in the
/// sha256sum layout; with <c>--exclude</c>, the hash of each config without those paths (absent paths are ignored).</summary>
internal static class HashCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("FILE") { Description = "Config files to hash ('-' reads standard input).", Arity = ArgumentArity.OneOrMore };
        var from = CommonOptions.From();
        var exclude = new Option<string[]>("--exclude") { Description = "Paths to leave out of the hash (the run seed, the output directory), comma-separated or repeated.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("hash", "Print the content hash of each file: \"sha256:<hex>  FILE\", like sha256sum.") { files, from, exclude };
        command.SetAction(parse =>
        {
            var excluded = (parse.GetValue(exclude) ?? []).SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToArray();
            foreach (string path in excluded)
            {
                if (!ModelPath.TryParse(path, out _, out string? error)) throw new UsageException($"--exclude: {error}");
            }
            int exit = ExitCodes.Success;
            foreach (string file in parse.GetValue(files)!)
            {
                // One bad file does not stop the others, as with sha256sum.
                exit = Math.Max(exit, CommandRunner.Guard(console, () =>
                {
                    var map = InputDocument.Load(file, parse.GetValue(from), console);
                    console.Out.WriteLine($"{(excluded.Length == 0 ? map.ContentHash : map.ContentHashExcluding(excluded))}  {file}");
                    return ExitCodes.Success;
                }));
            }
            return exit;
        });
        return command;
    }
}
