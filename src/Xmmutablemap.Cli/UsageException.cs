namespace Xmmutablemap.Cli;

/// <summary>A command line that parses but makes no sense (<c>-o</c> with two inputs, say): exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
