using Microsoft.Extensions.Logging.Abstractions;
using Orders.EventStore;
using Orders.Projections;
using Orders.Projections.Runner;

namespace Orders.Specs.Projections.Contracts;

/// <summary>
/// What every store of a projection must do, whatever keeps the data. Each store's spec class runs these against
/// its own backend by supplying only the store; a server-backed store whose server is not configured gives none,
/// and then every behaviour is reported as skipped, by name, with the reason.
/// </summary>
public abstract class ProjectionStoreContract<TDocument> : IAsyncLifetime
    where TDocument : class, IVersionedDocument
{
    protected static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    IProjectionStore<TDocument>? _store;

    /// <summary>The store under test; the spec is reported as skipped, with the reason, when there is none here.</summary>
    protected IProjectionStore<TDocument> Store
    {
        get
        {
            Skip.If(_store is null, UnavailableReason);
            return _store!;
        }
    }

    /// <summary>
    /// A store over the storage this spec uses; a second call opens another over the same data. Null when this machine
    /// has none (a server-backed store without its setting).
    /// </summary>
    protected abstract Task<IProjectionStore<TDocument>?> OpenAsync();

    /// <summary>Why <see cref="OpenAsync"/> gave no store.</summary>
    protected virtual string UnavailableReason => "No store is configured.";

    /// <summary>Removes everything the spec stored.</summary>
    protected abstract Task DropAsync();

    /// <summary>An order's document at <paramref name="version"/> whose only item is titled <paramref name="title"/>.</summary>
    protected abstract TDocument Document(Guid orderId, long version, string title);

    /// <summary>The document as JSON, to compare what was stored with what is read back.</summary>
    protected static string Json(TDocument? document) => DocumentJson.Write(document);

    public async Task InitializeAsync() => _store = await OpenAsync();

    public virtual Task DisposeAsync() => DropAsync();

    protected Task CommitAsync(IReadOnlyCollection<TDocument> documents, LogPosition? checkpoint = null) =>
        Store.CommitAsync(new ProjectionCommit<TDocument>(documents, [], [], checkpoint));

    [SkippableFact]
    public async Task A_newer_version_replaces_the_document_and_an_older_or_equal_one_is_ignored()
    {
        var id = Guid.NewGuid();
        var second = Document(id, 2, "Green hat");

        await CommitAsync([Document(id, 1, "Blue shirt")]);
        await CommitAsync([second]);
        await CommitAsync([Document(id, 0, "Red socks")]);
        await CommitAsync([Document(id, 2, "Coffee beans")]);

        Assert.Equal(Json(second), Json((await Store.LoadAsync([id]))[id]));
        Assert.Equal(2, await Store.ReadVersionAsync(id));
    }

    [SkippableFact]
    public async Task Committing_the_same_batch_again_changes_nothing_and_does_not_fail()
    {
        var documents = Enumerable.Range(0, 5).Select(n => Document(Guid.NewGuid(), n, $"Item {n}")).ToList();
        var commit = new ProjectionCommit<TDocument>(documents, [], [], LogPosition.Of(10));

        await Store.CommitAsync(commit);
        await Store.CommitAsync(commit);

        var stored = await Store.LoadAsync(documents.Select(d => d.OrderId).ToList());
        Assert.Equal(documents.Select(Json), documents.Select(d => Json(stored[d.OrderId])));
        Assert.Equal(LogPosition.Of(10), await Store.ReadCheckpointAsync());
    }

    [SkippableFact]
    public async Task Loading_returns_the_documents_of_the_orders_that_have_one()
    {
        var stored = Document(Guid.NewGuid(), 3, "Blue shirt");
        var missing = Guid.NewGuid();
        await CommitAsync([stored]);

        var loaded = await Store.LoadAsync([stored.OrderId, missing]);

        Assert.Equal(new[] { stored.OrderId }, loaded.Keys);
        Assert.Equal(Json(stored), Json(loaded[stored.OrderId]));
        Assert.Empty(await Store.LoadAsync([]));
        Assert.Equal(3, await Store.ReadVersionAsync(stored.OrderId));
        Assert.Null(await Store.ReadVersionAsync(missing));
    }

    [SkippableFact]
    public async Task The_checkpoint_outlives_the_store_and_a_commit_without_one_keeps_it()
    {
        Assert.Null(await Store.ReadCheckpointAsync());
        var position = new LogPosition(5_000_000_123, 5_000_000_100);

        await CommitAsync([Document(Guid.NewGuid(), 0, "Blue shirt")], position);
        await CommitAsync([Document(Guid.NewGuid(), 0, "Red socks")], checkpoint: null);

        var reopened = (await OpenAsync())!; // Store above has already skipped the spec when there is none.
        Assert.Equal(position, await reopened.ReadCheckpointAsync());
        await CommitAsync([], LogPosition.Of(6_000_000_000));
        Assert.Equal(LogPosition.Of(6_000_000_000), await reopened.ReadCheckpointAsync());
    }

    [SkippableFact]
    public async Task Parked_events_are_listed_in_log_order_whole_and_leave_when_released()
    {
        var stream = $"order-{Guid.NewGuid():D}";
        var poison = Parked(stream, 1, position: 40, heldBehind: null, attempts: 3);
        var held = Parked(stream, 2, position: 41, heldBehind: 1, attempts: 0);
        var other = Parked($"order-{Guid.NewGuid():D}", 0, position: 7, heldBehind: null, attempts: 3);

        await Store.CommitAsync(new ProjectionCommit<TDocument>([], [poison, held, other], [], LogPosition.Of(41)));
        Assert.Equal(new[] { other, poison, held }.Select(Describe), (await Store.ListParkedAsync()).Select(Describe));

        var retried = poison with { Attempts = 6, Error = "Still failing." };
        await Store.CommitAsync(new ProjectionCommit<TDocument>([], [retried], [held, other], Checkpoint: null));

        Assert.Equal(new[] { Describe(retried) }, (await Store.ListParkedAsync()).Select(Describe));
        Assert.Equal(LogPosition.Of(41), await Store.ReadCheckpointAsync());
    }

    [SkippableFact]
    public async Task Resetting_forgets_the_documents_the_checkpoint_and_the_parked_events()
    {
        var document = Document(Guid.NewGuid(), 4, "Blue shirt");
        await Store.CommitAsync(new ProjectionCommit<TDocument>(
            [document], [Parked($"order-{Guid.NewGuid():D}", 0, 3, null, 3)], [], LogPosition.Of(3)));

        await Store.ResetAsync();

        Assert.Empty(await Store.LoadAsync([document.OrderId]));
        Assert.Null(await Store.ReadCheckpointAsync());
        Assert.Empty(await Store.ListParkedAsync());
        var rebuilt = Document(document.OrderId, 0, "Red socks");
        await CommitAsync([rebuilt]);
        Assert.Equal(Json(rebuilt), Json((await Store.LoadAsync([document.OrderId]))[document.OrderId]));
    }

    [SkippableFact]
    public async Task A_checkpoint_behind_the_stored_one_is_not_written()
    {
        await CommitAsync([], new LogPosition(20, 18));

        await CommitAsync([], new LogPosition(10, 9));
        await CommitAsync([], new LogPosition(20, 17));

        Assert.Equal(new LogPosition(20, 18), await Store.ReadCheckpointAsync());
        await CommitAsync([], new LogPosition(20, 19));
        Assert.Equal(new LogPosition(20, 19), await Store.ReadCheckpointAsync());
    }

    [SkippableFact]
    public async Task A_lease_is_held_by_one_instance_until_it_expires_or_is_given_up()
    {
        Assert.Null(await Store.ReadLeaseAsync());

        var taken = await Store.TakeLeaseAsync("a", Monday, Monday.AddSeconds(15));
        var refused = await Store.TakeLeaseAsync("b", Monday.AddSeconds(14), Monday.AddSeconds(29));
        var renewed = await Store.TakeLeaseAsync("a", Monday.AddSeconds(5), Monday.AddSeconds(20));

        Assert.Equal(new ProjectionLease("a", Monday.AddSeconds(15)), taken);
        Assert.Equal(taken, refused);
        Assert.Equal(new ProjectionLease("a", Monday.AddSeconds(20)), renewed);
        var reopened = (await OpenAsync())!; // Store above has already skipped the spec when there is none.
        Assert.Equal(renewed, await reopened.ReadLeaseAsync());

        var takenOver = await reopened.TakeLeaseAsync("b", Monday.AddSeconds(21), Monday.AddSeconds(36));
        Assert.Equal(new ProjectionLease("b", Monday.AddSeconds(36)), takenOver);
        await Store.ReleaseLeaseAsync("a");
        Assert.Equal(takenOver, await Store.ReadLeaseAsync());
        await Store.ReleaseLeaseAsync("b");
        Assert.Null(await Store.ReadLeaseAsync());
        Assert.Equal(new ProjectionLease("a", Monday.AddSeconds(40)), await Store.TakeLeaseAsync("a", Monday.AddSeconds(25), Monday.AddSeconds(40)));
    }

    [SkippableFact]
    public async Task Of_instances_taking_a_free_lease_at_once_exactly_one_gets_it_and_all_agree_which()
    {
        var second = (await OpenAsync())!; // Store above has already skipped the spec when there is none.
        var stores = new[] { Store, second };

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(() =>
            stores[n % 2].TakeLeaseAsync($"instance-{n}", Monday, Monday.AddSeconds(15)))));

        var holder = Assert.Single(answers.Select(a => a?.Holder).Distinct());
        Assert.Equal(new ProjectionLease(holder!, Monday.AddSeconds(15)), await Store.ReadLeaseAsync());
    }

    protected abstract OrderProjection<TDocument> Projection { get; }

    [SkippableFact]
    public async Task A_runner_over_the_store_converges_to_the_fold_of_the_log_through_failed_commits()
    {
        var log = new InMemoryEventStore();
        OrderHistories.AppendOrders(log, 150);
        var head = (await log.ReadAllAsync(null, int.MaxValue, ""))[^1].Position;
        var options = new ProjectionRunnerOptions { BatchSize = 40, RetryDelay = TimeSpan.FromMilliseconds(1), MaxRestartDelay = TimeSpan.FromMilliseconds(20) };
        var crashing = new ScriptedStore<TDocument>(Store) { FailBefore = n => n % 5 == 0, FailAfter = n => n % 3 == 0 };
        var model = new ReadModel<TDocument>(Projection, crashing, options, TimeProvider.System, NullLogger<ReadModel<TDocument>>.Instance);
        using var runner = new ProjectionRunner(log, [model], options, TimeProvider.System, NullLogger<ProjectionRunner>.Instance);

        await runner.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await Store.ReadCheckpointAsync() != head)
        {
            Assert.True(DateTime.UtcNow < deadline, "The projection did not catch up.");
            await Task.Delay(20);
        }
        await runner.StopAsync(CancellationToken.None);

        var streams = (await log.ReadAllAsync(null, int.MaxValue, "order-"))
            .Select(e => ProjectedEvent.Decode(e)!)
            .GroupBy(e => e.OrderId)
            .ToList();
        var stored = await Store.LoadAsync(streams.Select(s => s.Key).ToList());
        Assert.Equal(
            streams.ToDictionary(s => s.Key, s => Json(Projection.Fold(s))),
            stored.ToDictionary(p => p.Key, p => Json(p.Value)));
    }

    ParkedEvent Parked(string stream, long version, ulong position, long? heldBehind, int attempts) =>
        ParkedEvents.Parked(Projection.Name, stream, version, position, heldBehind, attempts);

    static string Describe(ParkedEvent p) => ParkedEvents.Describe(p);
}
