using System.Diagnostics;
using Xmmutablemap.LargeFiles;

// Large-file loads, one OS process per load so that each peak is its own (issue 13).
//   dotnet run -c Release --project bench/Xmmutablemap.LargeFiles -- run [directory] [megabytes] [extension]
// generates a config of about [megabytes] MB of JSON (100 by default; docs/benchmarks.md uses 200) in every format, then loads each
// file with Xmmutablemap and with the format library's own untyped reader, three times each, and prints a
// Markdown table (only the files ending in [extension], if given: json, yaml, msgpack, pb): best wall time, and peak resident memory (VmHWM) of the load above the process's own
// start-up footprint.
return args switch
{
    ["run", ..] => Run(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "xmm-large"), args.Length > 2 ? int.Parse(args[2]) : 100, args.Length > 3 ? args[3] : null),
    ["generate", var directory, var megabytes] => Generate(directory, int.Parse(megabytes)),
    ["load", var reader, var file] => Load(reader, file),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: run [directory] [megabytes] | generate <directory> <megabytes> | load <reader> <file>");
    return 2;
}

static int Generate(string directory, int megabytes)
{
    Directory.CreateDirectory(directory);
    foreach (var (name, bytes) in LargeConfig.Files(megabytes))
    {
        File.WriteAllBytes(Path.Combine(directory, name), bytes);
        Console.WriteLine($"{name}: {bytes.Length:N0} bytes");
    }
    return 0;
}

static int Load(string reader, string file)
{
    long before = PeakResidentBytes();
    var watch = Stopwatch.StartNew();
    object tree = Readers.Load(reader, file);
    watch.Stop();
    long peak = PeakResidentBytes();
    GC.KeepAlive(tree);
    // The GC's pauses are reported beside the time: a load builds a tree whose objects all survive, so each
    // collection copies them onward, a cost a reader that builds no objects (JsonDocument) does not pay.
    Console.WriteLine($"{watch.Elapsed.TotalMilliseconds:F0} {peak - before} {GC.GetTotalPauseDuration().TotalMilliseconds:F0}");
    return 0;
}

// VmHWM: the most resident memory this process has had so far.
static long PeakResidentBytes()
{
    foreach (var line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) * 1024;
    }
    throw new InvalidOperationException("no VmHWM in /proc/self/status");
}

static int Run(string directory, int megabytes, string? extension)
{
    string self = Environment.ProcessPath!;
    string dll = typeof(LargeConfig).Assembly.Location;
    if (!File.Exists(Path.Combine(directory, Readers.Cases[0].File))) Generate(directory, megabytes);
    Console.WriteLine("| format | reader | file | best time | of which GC pauses | peak memory above start | peak / file size |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    foreach (var (reader, fileName) in Readers.Cases)
    {
        if (extension is not null && !fileName.EndsWith("." + extension, StringComparison.Ordinal)) continue;
        string file = Path.Combine(directory, fileName);
        double best = double.MaxValue, pausesOfBest = 0;
        long peak = 0;
        for (int run = 0; run < 3; run++)
        {
            var start = new ProcessStartInfo(self, self.EndsWith("dotnet", StringComparison.Ordinal) ? [dll, "load", reader, file] : ["load", reader, file])
            {
                RedirectStandardOutput = true,
            };
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"{reader} on {file} exited with {process.ExitCode}");
            var parts = output.Trim().Split(' ');
            double time = double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            if (time < best) (best, pausesOfBest) = (time, double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
            peak = Math.Max(peak, long.Parse(parts[1]));
        }
        long size = new FileInfo(file).Length;
        Console.WriteLine($"| {fileName[(fileName.LastIndexOf('.') + 1)..]} | {reader} | {size / 1e6:F1} MB | {best / 1000:F2} s | {pausesOfBest / 1000:F2} s | {peak / 1e6:F0} MB | {(double)peak / size:F1}x |");
    }
    return 0;
}
