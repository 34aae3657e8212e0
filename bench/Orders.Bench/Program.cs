using Orders.Bench;

if (args.FirstOrDefault() == "baseline-server")
{
    await BaselineServer.RunAsync(args[1..]);
    return 0;
}

var quick = args.Contains("--quick");
var options = new BenchOptions(
    Concurrency: 64,
    Warmup: TimeSpan.FromSeconds(quick ? 2 : 5),
    Duration: TimeSpan.FromSeconds(quick ? 5 : 15));
var report = new Report(args);
var work = Directory.CreateTempSubdirectory("orders-bench-");
try
{
    await CreateOrderBench.RunAsync(options, work.FullName, report);
}
finally
{
    work.Delete(recursive: true);
}

report.Print();
if (!quick)
    report.Write(Path.Combine(BenchOptions.RepositoryRoot(), "bench", "RESULTS.md"));
return 0;
