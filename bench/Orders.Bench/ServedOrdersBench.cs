using Orders.Decider;

namespace Orders.Bench;

/// <summary>
/// SPEC §8 targets against a host that already serves many orders: a log of <c>orders</c> orders is written, its
/// read models are built in this process (the runner, as in the catch-up figure), and the host is started on both
/// files; then its start-to-ready, search, and read-your-writes are measured in turn.
/// </summary>
public static class ServedOrdersBench
{
    public static async Task RunAsync(int orders, BenchOptions options, PublishedHost published, string work, Report report)
    {
        var now = DateTimeOffset.UtcNow;
        var random = new Random(100);
        // Creation and the next step only: search reads titles and descriptions, so the other steps would add
        // minutes of seeding for no change to what the index holds.
        var histories = Enumerable.Range(0, orders).Select(_ => OrderHistories.Next(random, now).Take(2).ToList());
        Report.Progress($"served: writing a log of {orders:N0} orders");
        var log = await LogSeeder.WriteAsync(Path.Combine(work, "served", "orders.db"), histories, seed: 100);
        Report.Progress("served: building its read models");
        var rebuild = await ReadSideRebuild.RunAsync(log);
        report.Add($"Seeded {orders:N0} orders", [
            $"log: {log.Events:N0} events over {log.Orders:N0} orders, written in {log.Took.TotalSeconds:N1} s",
            $"read models built in process in {rebuild.Wall.TotalSeconds:N1} s: {rebuild.EventsPerSecond:N0} events/s, {rebuild.Cpu.TotalSeconds:N1} processor-seconds",
        ]);

        Report.Progress("served: starting the host, then search and read-your-writes");
        await using var host = await ChildHost.StartAsync(
            published.Assembly, [], new Dictionary<string, string> { ["Orders__Storage__Path"] = log.Path }, "/health/ready");
        report.Add($"Host start-to-ready with {orders:N0} orders", [
            report.Check($"host start to /health/ready, {orders:N0} orders", $"{host.StartToReady.TotalMilliseconds:N0} ms", "≤ 1,000 ms",
                host.StartToReady.TotalMilliseconds <= 1_000),
            $"host processor time used by then: {host.ProcessorTimeToReady.TotalMilliseconds:N0} ms",
        ]);

        await new SearchBench(host).RunAsync(orders, options.SearchRate, options.Warmup, options.Duration, report);
        await new ReadYourWritesBench(host).RunAsync(options.CommandRate, options.Warmup, options.Duration, report);
    }
}
