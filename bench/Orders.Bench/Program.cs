using Orders.Bench;

if (args.FirstOrDefault() == "baseline-server")
    return await BaselineServer.RunAsync(args[1..]);

var quick = args.Contains("--quick");
// `--only create|catch-up|served` runs one section, e.g. to profile it; the file of results is then left alone.
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
bool Runs(string section) => only is null || only == section;
var options = quick ? BenchOptions.Quick : BenchOptions.Full;
var report = new Report(args);
// `--published DIR` measures a host published before; by default the host is published now, as users deploy it.
var published = await PublishedHost.PrepareAsync(args.SkipWhile(a => a != "--published").Skip(1).FirstOrDefault());
var work = Directory.CreateTempSubdirectory("orders-bench-");
try
{
    if (Runs("create"))
        await CreateOrderBench.RunAsync(options, published, work.FullName, report);
    if (Runs("catch-up"))
        await CatchUpBench.RunAsync(options.CatchUpEvents, published, work.FullName, report);
    if (Runs("served"))
        await ServedOrdersBench.RunAsync(options.ServedOrders, options, published, work.FullName, report);
}
finally
{
    work.Delete(recursive: true);
}

report.Print();
if (!quick && only is null)
    report.Write(Path.Combine(BenchOptions.RepositoryRoot(), "bench", "RESULTS.md"));
return 0;
