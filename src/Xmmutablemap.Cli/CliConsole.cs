using System.Text;

namespace Xmmutablemap.Cli;

/// <summary>The standard streams a command uses; the process's own, or in-memory ones in tests.</summary>
internal sealed class CliConsole(Stream input, Stream output, Stream error)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public Stream Input { get; } = input;

    /// <summary>Raw standard output, for the binary formats and canonical bytes.</summary>
    public Stream OutputStream { get; } = output;

    public TextWriter Out { get; } = new StreamWriter(output, Utf8, leaveOpen: true) { NewLine = "\n", AutoFlush = true };

    public TextWriter Error { get; } = new StreamWriter(error, Utf8, leaveOpen: true) { NewLine = "\n", AutoFlush = true };

    public static CliConsole FromProcess() =>
        new(Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.OpenStandardError());

    /// <summary>Reports one error as one line: <c>xmm: message</c>.</summary>
    public void ReportError(string message) => Error.WriteLine("xmm: " + message.ReplaceLineEndings(" "));
}
