using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project bench/Xmmutablemap.Benchmarks -- --filter '*'            full runs
// dotnet run -c Release --project bench/Xmmutablemap.Benchmarks -- --filter '*' --quick    short mode (< 10 min on 2 cores)
bool quick = args.Contains("--quick");
args = args.Where(a => a != "--quick").ToArray();

var job = quick
    // In-process and short: no child process per case, 3 warm-ups and 5 measured iterations of 250 ms.
    ? Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(5)
        .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250)).WithId("Quick")
    : Job.Default;

var config = DefaultConfig.Instance
    .AddJob(job.AsDefault())
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared))
    .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
