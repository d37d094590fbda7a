using Xmmutablemap.Serialization;

namespace Xmmutablemap.Cli;

/// <summary>Runs one unit of work and turns its failures into one-line messages and exit codes, never a stack trace.</summary>
internal static class CommandRunner
{
    /// <param name="console">Where errors go.</param>
    /// <param name="work">The work; returns its exit code.</param>
    /// <param name="isDiff">For <c>diff</c>, where 1 means "different", bad input exits 2 as with diff(1).</param>
    public static int Guard(CliConsole console, Func<int> work, bool isDiff = false)
    {
        int badInput = isDiff ? ExitCodes.Usage : ExitCodes.BadInput;
        try
        {
            return work();
        }
        catch (Exception e) when (e is MapFormatException or BadInputException or IOException or UnauthorizedAccessException)
        {
            console.ReportError(e.Message);
            return badInput;
        }
    }
}
