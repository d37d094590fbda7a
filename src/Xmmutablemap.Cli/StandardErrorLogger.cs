using Microsoft.Extensions.Logging;
using Xmmutablemap.Caching;

namespace Xmmutablemap.Cli;

/// <summary>The cache's warnings (a damaged entry, recomputed) as one "xmm: warning: ..." line on standard error.</summary>
internal sealed class StandardErrorLogger(CliConsole console) : ILogger<ConfigCache>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) console.ReportError("warning: " + formatter(state, exception));
    }
}
