using System.CommandLine;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.Cli.Commands;

/// <summary>
/// <c>xmm convert FILE... --to FORMAT [-o OUT | --out-dir DIR]</c>. Files are written atomically: a failed
/// conversion creates nothing and leaves an existing target as it was.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("FILE") { Description = "Config files to convert ('-' reads standard input).", Arity = ArgumentArity.OneOrMore };
        var to = new Option<string>("--to", "-t") { Description = "The output format: json, yaml, msgpack or protobuf.", Required = true };
        to.AcceptOnlyFromAmong(Formats.Names);
        var output = new Option<string?>("--output", "-o") { Description = "Write the one converted file here." };
        var outDir = new Option<string?>("--out-dir") { Description = "Write each converted file here as <stem>.<ext>." };
        var from = CommonOptions.From();
        var command = new Command("convert", "Convert config files between formats; the content hash stays the same.") { files, to, output, outDir, from };
        command.SetAction(parse =>
        {
            string[] inputs = parse.GetValue(files)!;
            var format = Formats.Named(parse.GetValue(to)!);
            string? outFile = parse.GetValue(output);
            string? dir = parse.GetValue(outDir);
            if (outFile == InputDocument.StandardInput) outFile = null; // "-o -" is standard output, as "-" is standard input
            if (outFile is not null && dir is not null) throw new UsageException("give either -o/--output or --out-dir, not both");
            if (outFile is not null && inputs.Length > 1) throw new UsageException("-o/--output takes one input; use --out-dir for several");
            if (outFile is null && dir is null && inputs.Length > 1) throw new UsageException("several inputs need --out-dir");
            if (dir is not null && inputs.Contains(InputDocument.StandardInput)) throw new UsageException("standard input has no name to use in --out-dir; use -o");
            if (dir is not null && !Directory.Exists(dir)) throw new UsageException($"the output directory '{dir}' does not exist");

            int exit = ExitCodes.Success;
            foreach (string input in inputs)
            {
                exit = Math.Max(exit, CommandRunner.Guard(console, () =>
                {
                    var map = InputDocument.Load(input, parse.GetValue(from), console);
                    string? target = outFile ?? (dir is null ? null : Path.Combine(dir, Path.GetFileNameWithoutExtension(input) + format.Extensions[0]));
                    try
                    {
                        if (target is null)
                        {
                            byte[] bytes = format.WriteToArray(map); // complete before anything reaches stdout
                            console.OutputStream.Write(bytes);
                            console.OutputStream.Flush();
                        }
                        else
                        {
                            MapFile.Save(map, target, format);
                        }
                    }
                    catch (MapFormatException e)
                    {
                        // A value the output format cannot carry is in the input: name the input, as for a read error.
                        throw e.WithFile(input);
                    }
                    return ExitCodes.Success;
                }));
            }
            return exit;
        });
        return command;
    }
}
