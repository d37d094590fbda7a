namespace Xmmutablemap.Cli;

/// <summary>The exit codes of <c>xmm</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Success (for <c>diff</c>: the documents are equal).</summary>
    public const int Success = 0;

    /// <summary>Bad input: a file that does not exist or is not a valid document (for <c>diff</c>: the documents differ).</summary>
    public const int BadInput = 1;

    /// <summary>A usage error: unknown option, missing argument, conflicting options (for <c>diff</c>: also bad input, as with diff(1)).</summary>
    public const int Usage = 2;
}
