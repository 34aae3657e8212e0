using Orders.Decider;

namespace Orders.Bench;

/// <summary>
/// SPEC §8 second target: projection catch-up. A log of realistic, interleaved order histories is written first
/// (not timed), then the published host catches up on it and rebuilds both read models from it
/// (<see cref="HostCatchUp"/>); the stages are then timed alone in this process.
/// </summary>
public static class CatchUpBench
{
    const double TargetEventsPerSecond = 50_000;

    public static async Task RunAsync(int minimumEvents, PublishedHost published, string work, Report report)
    {
        var random = new Random(8);
        var now = DateTimeOffset.UtcNow;
        Report.Progress($"catch-up: writing a log of at least {minimumEvents:N0} events");
        var log = await LogSeeder.WriteAsync(Path.Combine(work, "catch-up", "orders.db"), Histories(random, now, minimumEvents), seed: 8);
        Report.Progress("catch-up: the published host catches up, then rebuilds both read models");
        var run = await HostCatchUp.RunAsync(published, log);
        Report.Progress("catch-up: timing the stages alone");
        var splits = await CatchUpSplits.MeasureAsync(log);

        report.Add("Projection catch-up (both read models, SQLite, in the published host)", [
            $"log: {log.Events:N0} events over {log.Orders:N0} orders, interleaved; written in {log.Took.TotalSeconds:N1} s (not timed)",
            $"host started on the log with no read models: both caught up {run.FirstFromStart.TotalSeconds:N2} s after the process started (start-up included)",
            report.Check("projection catch-up", $"{run.EventsPerSecond:N0} events/s ({run.Wall.TotalSeconds:N2} s)",
                $"≥ {TargetEventsPerSecond:N0} events/s", run.EventsPerSecond >= TargetEventsPerSecond),
            $"that is a rebuild of both through `/admin/projections/{{name}}/rebuild`, from the request until both checkpoints reach the log's head",
            $"host processor time used: {run.Cpu.TotalSeconds:N2} s over {run.Wall.TotalSeconds:N2} s wall ({run.Cpu / run.Wall:N2} of {Environment.ProcessorCount} cores); {run.EventsPerProcessorSecond:N0} events per processor-second",
            $"host peak memory during the rebuild: {run.PeakMiB:N0} MiB",
            $"garbage collection meanwhile: {run.Gc.AllocatedBytes / run.Events:N0} bytes allocated an event; "
                + $"{run.Gc.Gen0 + run.Gc.Gen1 + run.Gc.Gen2:N0} collections ({run.Gc.Gen1:N0} up to gen1, {run.Gc.Gen2:N0} up to gen2); every thread paused {run.Gc.Paused.TotalSeconds:N2} s "
                + $"({run.Gc.Paused / run.Wall:P0} of the wall time)",
            "stages timed alone in the benchmark's process, one thread each:",
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
