using Orders.Decider;

namespace Orders.Bench;

/// <summary>
/// SPEC §8 second target: projection catch-up. A log of realistic, interleaved order histories is written first
/// (not timed), then both read models are rebuilt from it in this process.
/// </summary>
public static class CatchUpBench
{
    const double TargetEventsPerSecond = 50_000;

    public static async Task RunAsync(int minimumEvents, string work, Report report)
    {
        var random = new Random(8);
        var now = DateTimeOffset.UtcNow;
        Report.Progress($"catch-up: writing a log of at least {minimumEvents:N0} events");
        var log = await LogSeeder.WriteAsync(Path.Combine(work, "catch-up", "orders.db"), Histories(random, now, minimumEvents), seed: 8);
        Report.Progress("catch-up: rebuilding both read models");
        var rebuild = await ReadSideRebuild.RunAsync(log);
        Report.Progress("catch-up: timing the stages alone");
        var splits = await CatchUpSplits.MeasureAsync(log);

        report.Add("Projection catch-up (both read models, SQLite, in process)", [
            $"log: {log.Events:N0} events over {log.Orders:N0} orders, interleaved; written in {log.Took.TotalSeconds:N1} s (not timed)",
            report.Check("projection catch-up", $"{rebuild.EventsPerSecond:N0} events/s ({rebuild.Wall.TotalSeconds:N2} s)",
                $"≥ {TargetEventsPerSecond:N0} events/s", rebuild.EventsPerSecond >= TargetEventsPerSecond),
            $"processor time used: {rebuild.Cpu.TotalSeconds:N2} s over {rebuild.Wall.TotalSeconds:N2} s wall ({rebuild.Cpu / rebuild.Wall:N2} of {Environment.ProcessorCount} cores); {log.Events / rebuild.Cpu.TotalSeconds:N0} events per processor-second",
            "stages timed alone, one thread each:",
            .. splits.Select(split => "  " + split),
        ]);
    }

    static IEnumerable<IReadOnlyList<OrderEvent>> Histories(Random random, DateTimeOffset now, int minimumEvents)
    {
        for (var events = 0; events < minimumEvents;)
        {
            var history = OrderHistories.Next(random, now);
            events += history.Count;
            yield return history;
        }
    }
}
