using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orders.EventStore;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Runner;
using Orders.Projections.Search;
using Orders.Projections.Sqlite;

namespace Orders.Specs.Projections;

/// <summary>
/// An event log in memory and the read models in a SQLite file of their own, with runners started and stopped
/// over them as a host would, and the documents the whole log folds to, for comparison.
/// </summary>
sealed class ReadModelFixture : IAsyncDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "orders-projections-" + Guid.NewGuid().ToString("N"));
    readonly List<(ProjectionRunner Runner, IDisposable[] Stores)> _running = [];

    public ReadModelFixture() => File = new SqliteReadModelFile(Path.Combine(_folder, "orders.read.db"));

    public InMemoryEventStore Log { get; } = new();

    public SqliteReadModelFile File { get; }

    /// <summary>Short, so that a takeover happens within a spec; renewed every third of it.</summary>
    public int LeaseSeconds { get; } = 3;

    public ProjectionRunnerOptions Options { get; } = new() { BatchSize = 500, RetryDelay = TimeSpan.FromMilliseconds(1), MaxRestartDelay = TimeSpan.FromMilliseconds(20) };

    /// <summary>
    /// Starts a runner over the file, as a host does on start-up; the wrappers let a spec script faults. With
    /// <paramref name="instance"/>, it is one of several instances sharing the file, applying what its leases allow.
    /// </summary>
    public async Task<ProjectionRunner> StartAsync(
        Func<IProjectionStore<OrderDocument>, IProjectionStore<OrderDocument>>? orders = null,
        Func<IProjectionStore<OrderDocument>, IProjectionStore<OrderDocument>>? search = null,
        IProjection<OrderDocument>? orderProjection = null,
        string? instance = null)
    {
        var options = instance is null ? Options : new ProjectionRunnerOptions
        {
            BatchSize = Options.BatchSize,
            RetryDelay = Options.RetryDelay,
            MaxRestartDelay = Options.MaxRestartDelay,
            Runner = ProjectionRunnerMode.Lease,
            LeaseSeconds = LeaseSeconds,
        }.ForInstance(instance);
        var orderStore = new SqliteOrderDocumentStore(File);
        var searchStore = new SqliteSearchStore(File);
        IReadModel[] models =
        [
            new ReadModel<OrderDocument>(orderProjection ?? OrderDocumentProjection.Instance, (orders ?? (s => s))(orderStore), options, TimeProvider.System, NullLogger<ReadModel<OrderDocument>>.Instance),
            new ReadModel<OrderDocument>(OrderDocumentProjection.Search, (search ?? (s => s))(searchStore), options, TimeProvider.System, NullLogger<ReadModel<OrderDocument>>.Instance),
        ];
        var runner = new ProjectionRunner(Log, models, options, TimeProvider.System, NullLogger<ProjectionRunner>.Instance);
        _running.Add((runner, [orderStore, searchStore]));
        await runner.StartAsync(CancellationToken.None);
        return runner;
    }

    public async Task StopAsync(ProjectionRunner runner)
    {
        await runner.StopAsync(CancellationToken.None);
        var entry = _running.Single(r => r.Runner == runner);
        _running.Remove(entry);
        runner.Dispose();
        foreach (var store in entry.Stores)
            store.Dispose();
    }

    /// <summary>Waits until every projection's checkpoint is the log's last position.</summary>
    public async Task CaughtUpAsync(ProjectionRunner runner)
    {
        var head = (await Log.ReadAllAsync(null, int.MaxValue, ""))[^1].Position;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await runner.GetStatusAsync()).Projections.Any(p => p.Checkpoint != head))
        {
            Assert.True(DateTime.UtcNow < deadline, "The projections did not catch up.");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until <paramref name="runner"/> applies every projection.</summary>
    public static async Task AppliesEveryProjectionAsync(ProjectionRunner runner)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!runner.Projections.All(runner.AppliesHere))
        {
            Assert.True(DateTime.UtcNow < deadline, "The runner did not take the leases.");
            await Task.Delay(10);
        }
    }

    /// <summary>Every order's stored documents, as JSON, read through stores of their own.</summary>
    public async Task<(Dictionary<Guid, string> Orders, Dictionary<Guid, string> Search)> StoredAsync()
    {
        var ids = await OrderIdsAsync();
        using var orders = new SqliteOrderDocumentStore(File);
        using var search = new SqliteSearchStore(File);
        return (
            (await orders.LoadAsync(ids)).ToDictionary(p => p.Key, p => DocumentJson.Write(p.Value)),
            (await search.LoadAsync(ids)).ToDictionary(p => p.Key, p => DocumentJson.Write(p.Value)));
    }

    /// <summary>What the whole log folds to, by the pure projections.</summary>
    public async Task<(Dictionary<Guid, string> Orders, Dictionary<Guid, string> Search)> FoldedAsync()
    {
        var streams = (await Log.ReadAllAsync(null, int.MaxValue, "order-"))
            .Select(e => ProjectedEvent.Decode(e)!)
            .GroupBy(e => e.OrderId)
            .ToList();
        return (
            streams.ToDictionary(s => s.Key, s => DocumentJson.Write(OrderDocumentProjection.Instance.Fold(s))),
            streams.ToDictionary(s => s.Key, s => DocumentJson.Write(OrderDocumentProjection.Search.Fold(s))));
    }

    async Task<List<Guid>> OrderIdsAsync() =>
        (await Log.ReadAllAsync(null, int.MaxValue, "order-"))
            .Select(e => ProjectedEvent.Decode(e)!.OrderId).Distinct().ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var (runner, _) in _running.ToList())
            await StopAsync(runner);
        File.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
