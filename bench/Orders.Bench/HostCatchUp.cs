using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Orders.EventStore;
using Orders.Host.ReadSide;
using Orders.Projections.Documents;
using Orders.Projections.Sqlite;

namespace Orders.Bench;

/// <summary>
/// A catch-up of both read models in the published host: how long, the processor time, the most memory, and what the
/// garbage collector did meanwhile (from the host's own runtime metrics).
/// </summary>
public sealed record HostCatchUpRun(long Events, TimeSpan FirstFromStart, TimeSpan Wall, TimeSpan Cpu, double PeakMiB, GcActivity Gc)
{
    public double EventsPerSecond => Events / Wall.TotalSeconds;

    public double EventsPerProcessorSecond => Events / Cpu.TotalSeconds;
}

/// <summary>
/// Catch-up as users meet it: the published host is started on a log with no read models and catches up by itself
/// (timed from the process's start, so start-up is in it); then both projections are rebuilt through the admin API and
/// that rebuild is the figure judged, from the request until both checkpoints reach the log's head. The checkpoints are
/// read from the read-model files by this process, so that watching costs the host nothing.
/// </summary>
public static class HostCatchUp
{
    const string AdminKey = "bench";

    static readonly string[] Projections = [OrderDocumentProjection.Instance.Name, OrderDocumentProjection.Search.Name];

    public static async Task<HostCatchUpRun> RunAsync(PublishedHost published, SeededLog log)
    {
        var clock = Stopwatch.StartNew();
        await using var host = await ChildHost.StartAsync(published.Assembly, [], new Dictionary<string, string>
        {
            ["Orders__Storage__Path"] = log.Path,
            ["Orders__Admin__ApiKey"] = AdminKey,
        }, "/health/ready");
        var checkpoints = new[]
        {
            Checkpoints(ReadSideRegistration.ReadModelPath(log.Path), Projections[0]),
            Checkpoints(ReadSideRegistration.SearchModelPath(log.Path), Projections[1]),
        };
        await UntilAtAsync(checkpoints, log.Head);
        var first = clock.Elapsed;

        using var client = new HttpClient { BaseAddress = host.Address };
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        host.ResetPeakMemory();
        var gcBefore = await GcActivity.ReadAsync(client);
        var cpuBefore = host.ProcessorTime();
        clock.Restart();
        foreach (var projection in Projections)
            (await client.PostAsync(new Uri($"/admin/projections/{projection}/rebuild", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await UntilAtAsync(checkpoints, log.Head);
        var wall = clock.Elapsed;
        var cpu = host.ProcessorTime() - cpuBefore;
        var gc = await GcActivity.ReadAsync(client) - gcBefore;
        return new HostCatchUpRun(log.Events, first, wall, cpu, host.PeakMemoryMiB(), gc);
    }

    static SqliteCheckpointStore Checkpoints(string path, string projection)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();
        return new SqliteCheckpointStore(() =>
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            return connection;
        }, projection);
    }

    static async Task UntilAtAsync(SqliteCheckpointStore[] checkpoints, LogPosition head)
    {
        while (true)
        {
            var at = 0;
            foreach (var store in checkpoints)
                if (await ReadAsync(store) == head)
                    at++;
            if (at == checkpoints.Length)
                return;
            await Task.Delay(20);
        }
    }

    /// <summary>Null until the host has created the file and its tables.</summary>
    static async Task<LogPosition?> ReadAsync(SqliteCheckpointStore store)
    {
        try
        {
            return await store.ReadCheckpointAsync();
        }
        catch (SqliteException)
        {
            return null;
        }
    }
}
