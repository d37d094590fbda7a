using System.CommandLine;
using System.Diagnostics;
using Xmmutablemap.Caching;
using Xmmutablemap.Serialization;
using Xmmutablemap.Serialization.Composition;

namespace Xmmutablemap.Cli.Commands;

/// <summary>
/// <c>xmm run CONFIG [OVERRIDE...] [--cache DIR|redis://HOST:PORT] [--namespace NS] -- COMMAND [ARG...]</c> (DESIGN
/// sections 8 and 12): runs COMMAND once per (namespace, content hash of the composed config). On a hit it prints
/// the stored standard output and exits 0 without running anything; on a miss it takes the lease, runs COMMAND
/// with <c>XMM_CONFIG_HASH</c> and <c>XMM_CONFIG_FILE</c> in its environment, streams its output, and stores it only
/// when COMMAND exits 0. Concurrent runs of the same key wait, then print the stored result. Standard output
/// carries only COMMAND's output; xmm's own messages go to standard error.
/// </summary>
internal static class RunCommand
{
    /// <param name="console">The streams.</param>
    /// <param name="commandLine">The words after <c>--</c>, split off before System.CommandLine sees the arguments.</param>
    public static Command Create(CliConsole console, string[] commandLine)
    {
        var arguments = new Argument<string[]>("CONFIG_OR_OVERRIDE") { Description = "The config file(s), then overrides (a.b=v, +a.b=v, ++a.b=v, ~a.b); then -- COMMAND [ARG...].", Arity = ArgumentArity.OneOrMore };
        var cache = new Option<string?>("--cache") { Description = "DIR for the embedded SQLite cache (default $XDG_CACHE_HOME/xmm or ~/.cache/xmm), or redis://HOST:PORT." };
        var ns = new Option<string>("--namespace") { Description = "The namespace of the key; bump it when the command's code changes.", DefaultValueFactory = _ => "default" };
        var command = new Command("run", "Run a command once per config: later runs of the same config print the stored output.") { arguments, cache, ns };
        command.SetAction(parse =>
        {
            if (commandLine.Length == 0) throw new UsageException("run needs the command after '--': xmm run CONFIG [OVERRIDE...] -- COMMAND [ARG...]");
            var (files, overrides) = ComposedInput.Split(parse.GetValue(arguments)!, "run");
            string @namespace = parse.GetValue(ns)!;
            if (@namespace.Length == 0) throw new UsageException("--namespace cannot be empty");
            string? where = parse.GetValue(cache);
            if (where is not null && where.Contains("://", StringComparison.Ordinal) && !where.StartsWith("redis://", StringComparison.Ordinal))
                throw new UsageException($"--cache takes a directory or redis://HOST:PORT, not '{where}'");
            return CommandRunner.Guard(console, () => Run(console, files, overrides, @namespace, where, commandLine));
        });
        return command;
    }

    private static int Run(CliConsole console, string[] files, string[] overrides, string @namespace, string? where, string[] commandLine)
    {
        var config = ComposedInput.Compose(files, overrides).Map;
        string key = ConfigCache.KeyFor(@namespace, config.ContentHash);
        var logger = new StandardErrorLogger(console);
        ConfigCache store;
        try
        {
            store = where is not null && where.StartsWith("redis://", StringComparison.Ordinal)
                ? ConfigCache.CreateRedis(where["redis://".Length..], LeaseTimeToLive(), logger)
                : ConfigCache.CreateDefault(where, logger);
        }
        catch (ConfigCacheException e)
        {
            throw new BadInputException(e.Message, e);
        }
        int exitCode = 0;
        bool ran = false;
        try
        {
            byte[] output = store.GetOrComputeBytesAsync(key, async ct =>
            {
                ran = true;
                (exitCode, byte[] stdout) = await Execute(console, config, commandLine, ct).ConfigureAwait(false);
                // Only a success is stored; anything else leaves no entry, so the next run tries again.
                if (exitCode != 0) throw new CommandFailedException();
                return stdout;
            }).AsTask().GetAwaiter().GetResult();
            if (!ran)
            {
                console.OutputStream.Write(output);
                console.OutputStream.Flush();
            }
            return ExitCodes.Success;
        }
        catch (CommandFailedException)
        {
            return exitCode;
        }
        catch (ConfigCacheException e)
        {
            throw new BadInputException(e.Message, e);
        }
        finally
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static async Task<(int ExitCode, byte[] Stdout)> Execute(CliConsole console, ImmutableMap<string, object?> config, string[] commandLine, CancellationToken cancellationToken)
    {
        string configFile = Path.Combine(Path.GetTempPath(), $"xmm-config-{config.ContentHash.Hex[..16]}-{Environment.ProcessId}.yaml");
        MapFile.Save(config, configFile);
        try
        {
            var start = new ProcessStartInfo(commandLine[0]) { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string arg in commandLine.Skip(1)) start.ArgumentList.Add(arg);
            start.Environment["XMM_CONFIG_HASH"] = config.ContentHash.ToString();
            start.Environment["XMM_CONFIG_FILE"] = configFile;
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new BadInputException($"cannot start '{commandLine[0]}'");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new BadInputException($"cannot start '{commandLine[0]}': {e.Message}", e);
            }
            using (process)
            {
                // Stream the output as it comes, and keep it to store.
                var captured = new MemoryStream();
                var buffer = new byte[16384];
                var stdout = process.StandardOutput.BaseStream;
                int read;
                while ((read = await stdout.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    console.OutputStream.Write(buffer, 0, read);
                    console.OutputStream.Flush();
                    captured.Write(buffer, 0, read);
                }
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                return (process.ExitCode, captured.ToArray());
            }
        }
        finally
        {
            File.Delete(configFile);
        }
    }

    // Tests shorten the lease so that a killed holder's lease lapses quickly; 30 s otherwise.
    private static TimeSpan? LeaseTimeToLive() =>
        double.TryParse(Environment.GetEnvironmentVariable("XMM_LEASE_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out double s) ? TimeSpan.FromSeconds(s) : null;

    private sealed class CommandFailedException : Exception;
}
