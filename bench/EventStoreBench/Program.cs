using System.Globalization;
using Orders.EventStore.Bench;

// Durable appends per second on the SQLite event store for 1, 8 and 64 concurrent writers.
// Usage: EventStoreBench [seconds per run] [folder for the database files]
var duration = TimeSpan.FromSeconds(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10);
var folder = Path.Combine(args.Length > 1 ? args[1] : Path.GetTempPath(), "orders-bench-" + Guid.NewGuid().ToString("N"));

Console.WriteLine($"SQLite event store, WAL + synchronous=FULL, {Environment.ProcessorCount} cores, {duration.TotalSeconds:0} s per run");
Console.WriteLine($"files in {folder}");
Console.WriteLine();
Console.WriteLine($"{"writers",7} {"appends/s",10} {"appends/commit",15} {"p50 ms",8} {"p99 ms",8}");
try
{
    foreach (var writers in new[] { 1, 8, 64 })
    {
        var run = await AppendRun.MeasureAsync(Path.Combine(folder, $"writers-{writers}.db"), writers, duration);
        Console.WriteLine(
            $"{writers,7} {run.AppendsPerSecond,10:0} {run.AppendsPerCommit,15:0.0} {run.P50Milliseconds,8:0.00} {run.P99Milliseconds,8:0.00}");
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}
