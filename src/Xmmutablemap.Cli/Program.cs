using Xmmutablemap.Cli;

return XmmApp.Run(args, CliConsole.FromProcess());
