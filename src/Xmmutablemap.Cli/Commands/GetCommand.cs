using System.Collections.Immutable;
using System.CommandLine;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.Cli.Commands;

/// <summary>
/// <c>xmm get FILE PATH [--to FORMAT]</c>: the value at PATH. A string raw (like <c>jq -r</c>); a number, bool or
/// null as its JSON text (a float always with "." or an exponent; NaN and infinities as YAML writes them);
/// bytes as base64; a map or a list as a document (default yaml).
/// </summary>
internal static class GetCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "The config file ('-' reads standard input)." };
        var path = new Argument<string>("PATH") { Description = "The path of the value: optimizer.lr, layers[2].units, labels[\"a.b\"]." };
        var to = new Option<string>("--to", "-t") { Description = "The format for a map or a list: json, yaml, msgpack or protobuf.", DefaultValueFactory = _ => "yaml" };
        to.AcceptOnlyFromAmong(Formats.Names);
        var from = CommonOptions.From();
        var command = new Command("get", "Print the value at a path.") { file, path, to, from };
        command.SetAction(parse => CommandRunner.Guard(console, () =>
        {
            string text = parse.GetValue(path)!;
            if (!ModelPath.TryParse(text, out _, out string? error)) throw new UsageException(error);
            string input = parse.GetValue(file)!;
            var map = InputDocument.Load(input, parse.GetValue(from), console);
            object? value;
            try
            {
                value = map.GetPath(text);
            }
            catch (KeyNotFoundException e)
            {
                throw new BadInputException($"{input}: {e.Message}", e);
            }
            Write(console, value, Formats.Named(parse.GetValue(to)!), input);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Write(CliConsole console, object? value, IMapFormat format, string input)
    {
        switch (ModelValue.GetKind(value))
        {
            case ModelKind.String: console.Out.WriteLine((string)value!); return;
            case ModelKind.Null: console.Out.WriteLine("null"); return;
            case ModelKind.Bool: console.Out.WriteLine((bool)value! ? "true" : "false"); return;
            case ModelKind.Integer: console.Out.WriteLine(ModelValue.Format(value)); return;
            case ModelKind.Float:
                ModelValue.TryGetFloat(value, out double d);
                console.Out.WriteLine(double.IsNaN(d) ? ".nan" : double.IsPositiveInfinity(d) ? ".inf" : double.IsNegativeInfinity(d) ? "-.inf" : ModelValue.FormatFloat(d));
                return;
            case ModelKind.Bytes: console.Out.WriteLine(Convert.ToBase64String(((ImmutableArray<byte>)value!).AsSpan())); return;
            case ModelKind.Map when value is ImmutableMap<string, object?> map:
                WriteDocument(console, format, map, input);
                return;
            default:
                // A list, or a map with integer keys: as the single entry of a document, "value".
                WriteDocument(console, format, ImmutableMap.Of(("value", value)), input);
                return;
        }
    }

    private static void WriteDocument(CliConsole console, IMapFormat format, ImmutableMap<string, object?> map, string input)
    {
        byte[] bytes;
        try
        {
            bytes = format.WriteToArray(map);
        }
        catch (MapFormatException e)
        {
            throw e.WithFile(input);
        }
        console.OutputStream.Write(bytes);
        console.OutputStream.Flush();
    }
}
