namespace Xmmutablemap.Cli;

/// <summary>Input that cannot be read at all (a missing file, say): exit code 1, message already names the file.</summary>
internal sealed class BadInputException(string message, Exception? inner = null) : Exception(message, inner);
