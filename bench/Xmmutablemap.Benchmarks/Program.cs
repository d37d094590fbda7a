using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Xmmutablemap.Benchmarks -- --filter '*'            full runs
// dotnet run -c Release --project bench/Xmmutablemap.Benchmarks -- --filter '*' --quick    short mode (about 25 min on 2 cores)
bool quick = args.Contains("--quick");
args = args.Where(a => a != "--quick").ToArray();

var job = quick
    // Short: one process per case (so that each case's dynamic PGO profile is its own: run in one process, a
    // lookup tuned on one key shape's index is then measured on another's), 3 warm-ups and 5 measured
    // iterations of 250 ms. The runtime keeps its defaults (tiered compilation, dynamic PGO).
    ? Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(5)
        .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
        .WithId("Quick")
    : Job.Default;

var config = DefaultConfig.Instance
    .AddJob(job.AsDefault())
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared))
    .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
