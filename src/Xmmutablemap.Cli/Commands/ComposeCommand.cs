using System.CommandLine;
using Xmmutablemap.Serialization;
using Xmmutablemap.Serialization.Composition;

namespace Xmmutablemap.Cli.Commands;

/// <summary>
/// <c>xmm compose FILE... [OVERRIDE...] [--to FORMAT] [-o OUT] [--hash] [--origins] [--strict]</c>: deep-merges the
/// files left to right, applies the overrides in order, and writes the result (default yaml, to stdout), or only
/// its hash, or where each leaf came from. An argument starting with <c>+</c>, <c>++</c> or <c>~</c>, or containing
/// <c>=</c>, is an override (<c>./a=b.yaml</c> forces a file).
/// </summary>
internal static class ComposeCommand
{
    public static Command Create(CliConsole console)
    {
        var arguments = new Argument<string[]>("FILE_OR_OVERRIDE") { Description = "Config files, then overrides: a.b=v (change), +a.b=v (add), ++a.b=v (set or add), ~a.b (remove).", Arity = ArgumentArity.OneOrMore };
        var to = new Option<string>("--to", "-t") { Description = "The output format: json, yaml, msgpack or protobuf.", DefaultValueFactory = _ => "yaml" };
        to.AcceptOnlyFromAmong(Formats.Names);
        var output = new Option<string?>("--output", "-o") { Description = "Write the composed config here (atomically) instead of to standard output." };
        var hash = new Option<bool>("--hash") { Description = "Print only the content hash of the composed config." };
        var origins = new Option<bool>("--origins") { Description = "Print \"PATH<TAB>SOURCE\" for every leaf: FILE:LINE:COLUMN, FILE, or the override." };
        var strict = new Option<bool>("--strict") { Description = "Refuse keys and kind changes that the first file does not have." };
        var command = new Command("compose", "Merge config files left to right, then apply overrides; write the result.") { arguments, to, output, hash, origins, strict };
        command.TreatUnmatchedTokensAsErrors = true;
        command.SetAction(parse =>
        {
            // Overrides such as ~a.b or +a=1 must not be taken for options: they are arguments here.
            var (files, overrides) = ComposedInput.Split(parse.GetValue(arguments)!, "compose");
            if (parse.GetValue(hash) && parse.GetValue(origins)) throw new UsageException("give either --hash or --origins, not both");
            return CommandRunner.Guard(console, () =>
            {
                var composed = ComposedInput.Compose(files, overrides, parse.GetValue(strict) ? MergeMode.Strict : MergeMode.Open);
                if (parse.GetValue(hash))
                {
                    console.Out.WriteLine(composed.ContentHash.ToString());
                    return ExitCodes.Success;
                }
                if (parse.GetValue(origins))
                {
                    foreach (var (path, source) in composed.Origins) console.Out.WriteLine($"{path}\t{source}");
                    return ExitCodes.Success;
                }
                var format = Formats.Named(parse.GetValue(to)!);
                string? target = parse.GetValue(output);
                if (target is null or InputDocument.StandardInput)
                {
                    console.OutputStream.Write(format.WriteToArray(composed.Map));
                    console.OutputStream.Flush();
                }
                else
                {
                    MapFile.Save(composed.Map, target, format);
                }
                return ExitCodes.Success;
            });
        });
        return command;
    }
}
