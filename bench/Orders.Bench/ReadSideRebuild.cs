using System.Diagnostics;
using Orders.EventStore;
using Orders.EventStore.Sqlite;
using Orders.Host.ReadSide;
using Orders.Projections;
using Orders.Projections.Runner;

namespace Orders.Bench;

/// <summary>How long a rebuild took and how much processor time this process spent on it (every thread).</summary>
public sealed record RebuildRun(long Events, TimeSpan Wall, TimeSpan Cpu)
{
    public double EventsPerSecond => Events / Wall.TotalSeconds;
}

/// <summary>
/// Rebuilds both read models from a seeded log in this process, wired as the host wires them
/// (<see cref="ProjectionServices.AddSqliteReadModels"/>, <see cref="ProjectionServices.AddProjectionRunner"/>),
/// into fresh read-model files beside the log, where the host finds them, and times the runner from its start until both checkpoints reach the log's head.
/// </summary>
public static class ReadSideRebuild
{
    public static async Task<RebuildRun> RunAsync(SeededLog log)
    {
        await using var store = new SqliteEventStore(log.Path, TimeProvider.System);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IEventStore>(store)
            .AddSqliteReadModels(ReadSideRegistration.ReadModelPath(log.Path), ReadSideRegistration.SearchModelPath(log.Path))
            .AddProjectionRunner();
        await using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<ProjectionRunner>();
        var models = provider.GetServices<IReadModel>().ToList();

        var cpuBefore = ProcessCpu();
        var clock = Stopwatch.StartNew();
        await runner.StartAsync(CancellationToken.None);
        while (models.Any(model => model.Checkpoint != log.Head))
            await Task.Delay(2);
        var wall = clock.Elapsed;
        var cpu = ProcessCpu() - cpuBefore;
        await runner.StopAsync(CancellationToken.None);
        return new RebuildRun(log.Events, wall, cpu);
    }

    public static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
