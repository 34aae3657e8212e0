using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Short runs in this process: a few seconds a benchmark rather than a rebuilt child project and minutes each, which
// is what a shared 2-core machine can afford; the error columns say how far to trust each figure.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(200)))
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(Orders.Bench.Micro.Samples).Assembly).Run(args, config);
