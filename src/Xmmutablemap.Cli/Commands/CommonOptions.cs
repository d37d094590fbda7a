using System.CommandLine;

namespace Xmmutablemap.Cli.Commands;

/// <summary>Options shared by every command.</summary>
internal static class CommonOptions
{
    public static Option<string?> From()
    {
        var from = new Option<string?>("--from", "-f") { Description = "The input format, when the extension does not tell it (or for '-')." };
        from.AcceptOnlyFromAmong(Formats.Names);
        return from;
    }
}
