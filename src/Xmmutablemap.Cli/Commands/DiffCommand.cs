using System.CommandLine;

namespace Xmmutablemap.Cli.Commands;

/// <summary><c>xmm diff A B</c>: one line per changed leaf path; exit 0 when equal, 1 when different, 2 on trouble (as diff(1)).</summary>
internal static class DiffCommand
{
    public static Command Create(CliConsole console)
    {
        var before = new Argument<string>("A") { Description = "The old config ('-' reads standard input)." };
        var after = new Argument<string>("B") { Description = "The new config; may be in another format." };
        var from = CommonOptions.From();
        var command = new Command("diff", "List the leaf paths that differ between two configs: ~ changed, + added, - removed. Exit 0 if equal, 1 if different, 2 on trouble.") { before, after, from };
        command.SetAction(parse =>
        {
            int exit = CommandRunner.Guard(console, () =>
            {
                var a = InputDocument.Load(parse.GetValue(before)!, parse.GetValue(from), console);
                var b = InputDocument.Load(parse.GetValue(after)!, parse.GetValue(from), console);
                var changes = MapTree.Diff(a, b);
                foreach (var change in changes) console.Out.WriteLine(change.ToString());
                return changes.IsEmpty ? ExitCodes.Success : ExitCodes.BadInput;
            }, isDiff: true);
            return exit;
        });
        return command;
    }
}
