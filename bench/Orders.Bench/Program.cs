using Orders.Bench;

if (args.FirstOrDefault() == "baseline-server")
{
    await BaselineServer.RunAsync(args[1..]);
    return 0;
}

var quick = args.Contains("--quick");
var options = quick ? BenchOptions.Quick : BenchOptions.Full;
var report = new Report(args);
var work = Directory.CreateTempSubdirectory("orders-bench-");
try
{
    await CreateOrderBench.RunAsync(options, work.FullName, report);
    await CatchUpBench.RunAsync(options.CatchUpEvents, work.FullName, report);
    await ServedOrdersBench.RunAsync(options.ServedOrders, options, work.FullName, report);
}
finally
{
    work.Delete(recursive: true);
}

report.Print();
if (!quick)
    report.Write(Path.Combine(BenchOptions.RepositoryRoot(), "bench", "RESULTS.md"));
return 0;
