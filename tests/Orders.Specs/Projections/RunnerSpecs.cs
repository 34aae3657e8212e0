using System.Text;
using Orders.Decider;
using Orders.Decider.Serialization;
using Orders.EventStore;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Runner;
using Orders.Projections.Search;
using Orders.Projections.Sqlite;
using static Orders.Specs.Projections.OrderHistories;

namespace Orders.Specs.Projections;

#pragma warning disable CA1001 // xunit disposes the fixture through IAsyncLifetime.
public sealed class RunnerSpecs : IAsyncLifetime
#pragma warning restore CA1001
{
    readonly ReadModelFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _fixture.DisposeAsync().AsTask();

    async Task ConvergedToTheFoldOfTheLogAsync()
    {
        var (storedOrders, storedSearch) = await _fixture.StoredAsync();
        var (foldedOrders, foldedSearch) = await _fixture.FoldedAsync();
        Assert.Equal(foldedOrders, storedOrders);
        Assert.Equal(foldedSearch, storedSearch);
    }

    [Fact]
    public async Task Both_read_models_catch_up_with_the_whole_log()
    {
        _fixture.Log.RecordAll(SeedFixtures.Events());
        AppendOrders(_fixture.Log, 300);
        var runner = await _fixture.StartAsync();

        await _fixture.CaughtUpAsync(runner);

        await ConvergedToTheFoldOfTheLogAsync();
        using var queries = new SqliteOrderDocumentStore(_fixture.File);
        var alice = await queries.GetAsync(Guid.Parse("0b6f3c4e-1c2d-4f6a-9b1e-3a5d7c9e2f40"));
        Assert.Equal(("completed", 5L), (alice?.Status, alice?.Version));
    }

    [Fact]
    public async Task A_redelivered_log_changes_no_document()
    {
        AppendOrders(_fixture.Log, 200);
        var first = await _fixture.StartAsync();
        await _fixture.CaughtUpAsync(first);
        await _fixture.StopAsync(first);
        var before = await _fixture.StoredAsync();

        var again = await _fixture.StartAsync(
            orders: s => new ScriptedStore<OrderDocument>(s) { ForgetCheckpoint = true },
            search: s => new ScriptedStore<OrderDocument>(s) { ForgetCheckpoint = true });
        await _fixture.CaughtUpAsync(again);

        var after = await _fixture.StoredAsync();
        Assert.Equal(before.Orders, after.Orders);
        Assert.Equal(before.Search, after.Search);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_store_that_fails_in_the_middle_of_the_work_converges_to_the_fold_of_the_log(bool afterWriting)
    {
        AppendOrders(_fixture.Log, 400);
        Func<int, bool> everyThird = n => n % 3 == 0;
        var runner = await _fixture.StartAsync(
            search: s => new ScriptedStore<OrderDocument>(s)
            {
                FailBefore = afterWriting ? _ => false : everyThird,
                FailAfter = afterWriting ? everyThird : _ => false,
            });

        await _fixture.CaughtUpAsync(runner);

        await ConvergedToTheFoldOfTheLogAsync();
    }

    [Fact]
    public async Task A_runner_stopped_half_way_leaves_what_a_new_runner_finishes()
    {
        AppendOrders(_fixture.Log, 600);
        _fixture.Options.BatchSize = 50;
        // Two commits go through; the third waits until the runner is stopped, half way whatever the machine's speed.
        ScriptedStore<OrderDocument>? orders = null;
        var first = await _fixture.StartAsync(
            orders: s => orders = new ScriptedStore<OrderDocument>(s) { HoldBefore = n => n >= 3 },
            search: s => new ScriptedStore<OrderDocument>(s) { HoldBefore = n => n >= 3 });
        while (orders!.Commits < 3)
            await Task.Delay(1);
        await _fixture.StopAsync(first);
        var stoppedAt = (await _fixture.StoredAsync()).Orders.Count;

        var second = await _fixture.StartAsync();
        await _fixture.CaughtUpAsync(second);

        Assert.InRange(stoppedAt, 1, 599);
        await ConvergedToTheFoldOfTheLogAsync();
    }

    [Fact]
    public async Task A_poison_event_is_parked_while_other_streams_go_on_and_skipping_it_releases_its_stream()
    {
        var poisoned = Guid.NewGuid();
        var healthy = Guid.NewGuid();
        var stream = OrderStream.Name(poisoned);
        Append(poisoned, Create(poisoned, Item("sku-1", "Blue shirt", "Cotton", 1, 10m)));
        _fixture.Log.Record(stream, "V1_ORDER_PAID", Encoding.UTF8.GetBytes("""{"paymentID":"p","timestamp":42}"""), Start);
        _fixture.Log.Record(stream, "V1_DELIVERY_ADDRESS_CHANGED", Encoding.UTF8.GetBytes("""{"deliveryAddress":"2 Elm St"}"""), Start);
        Append(healthy, Create(healthy, Item("sku-2", "Red socks", "Wool", 2, 3m)));
        var runner = await _fixture.StartAsync();
        await _fixture.CaughtUpAsync(runner);

        _fixture.Log.Record(stream, "V1_ORDER_CANCELED", Encoding.UTF8.GetBytes("""{"cancelReason":"late"}"""), Start);
        Append(healthy, new OrderCommand.CancelOrder(healthy, "late"), version: 1);
        await _fixture.CaughtUpAsync(runner);

        var parked = await runner.ListParkedAsync(OrderDocumentProjection.Instance.Name);
        Assert.Equal([(1L, (long?)null), (2L, 1L), (3L, 1L)], parked.Select(p => (p.Event.StreamVersion, p.HeldBehind)));
        Assert.Contains("cannot be read", parked[0].Error, StringComparison.Ordinal);
        Assert.Equal(_fixture.Options.MaxAttempts, parked[0].Attempts);
        Assert.Equal(3, (await runner.GetStatusAsync()).Projections[0].ParkedCount);
        using var queries = new SqliteOrderDocumentStore(_fixture.File);
        Assert.Equal(0L, (await queries.GetAsync(poisoned))?.Version);
        Assert.Equal("canceled", (await queries.GetAsync(healthy))?.Status);

        var replayed = await runner.ReplayAsync(OrderDocumentProjection.Instance.Name, stream);
        Assert.Equal((0, 1L), (replayed.Released, replayed.StillParked?.Event.StreamVersion));

        var skipped = await runner.SkipAsync(OrderDocumentProjection.Instance.Name, stream, 1);
        Assert.Equal((3, (ParkedEvent?)null), (skipped.Released, skipped.StillParked));
        var released = await queries.GetAsync(poisoned);
        Assert.Equal((3L, "canceled", "2 Elm St"), (released?.Version, released?.Status, released?.DeliveryAddress));
        Assert.Empty(await runner.ListParkedAsync(OrderDocumentProjection.Instance.Name));
    }

    [Fact]
    public async Task A_replayed_event_that_now_applies_releases_the_events_held_behind_it()
    {
        var orderId = Guid.NewGuid();
        var stream = OrderStream.Name(orderId);
        Append(orderId, Create(orderId, Item("sku-1", "Blue shirt", "Cotton", 1, 10m)),
            new OrderCommand.PayOrder(orderId, "pay-1", Start), new OrderCommand.SubmitOrder(orderId));
        var flaky = new FlakyProjection<OrderDocument>(OrderDocumentProjection.Instance) { Fails = e => e.Version == 1 };
        var runner = await _fixture.StartAsync(orderProjection: flaky);
        await _fixture.CaughtUpAsync(runner);
        Assert.Equal(2, (await runner.ListParkedAsync(OrderDocumentProjection.Instance.Name)).Count);
        Assert.False(await runner.WaitForVersionAsync(orderId, 2, TimeSpan.FromMilliseconds(50)));

        flaky.Fails = _ => false;
        var outcome = await runner.ReplayAsync(OrderDocumentProjection.Instance.Name, stream);

        Assert.Equal((2, (ParkedEvent?)null), (outcome.Released, outcome.StillParked));
        Assert.True(await runner.WaitForVersionAsync(orderId, 2, TimeSpan.FromSeconds(5)));
        await ConvergedToTheFoldOfTheLogAsync();
    }

    [Fact]
    public async Task A_rebuild_replaces_what_a_projection_held_with_the_fold_of_the_log()
    {
        AppendOrders(_fixture.Log, 150);
        var runner = await _fixture.StartAsync();
        await _fixture.CaughtUpAsync(runner);
        var someOrder = ProjectedEvent.Decode((await _fixture.Log.ReadAllAsync(null, 1, "order-"))[0])!.OrderId;
        using (var tampering = new SqliteSearchStore(_fixture.File))
        {
            var bogus = TestDocuments.Pending(someOrder, Start, 99) with { AccountEmail = "x@example.com", Status = "paid" };
            await tampering.CommitAsync(new ProjectionCommit<OrderDocument>([bogus], [], [], Checkpoint: null));
        }

        await runner.RebuildAsync(OrderDocumentProjection.Search.Name);
        await _fixture.CaughtUpAsync(runner);

        await ConvergedToTheFoldOfTheLogAsync();
    }

    [Fact]
    public async Task A_rebuild_reports_how_far_it_has_come_towards_where_the_log_ended_until_it_gets_there()
    {
        AppendOrders(_fixture.Log, 200);
        _fixture.Options.BatchSize = 50;
        ScriptedStore<OrderDocument>? search = null;
        var runner = await _fixture.StartAsync(search: s => search = new ScriptedStore<OrderDocument>(s));
        await _fixture.CaughtUpAsync(runner);
        var head = (await _fixture.Log.ReadAllAsync(null, int.MaxValue, ""))[^1].Position;
        var heldFrom = search!.Commits + 3;
        search.HoldBefore = n => n >= heldFrom;

        await runner.RebuildAsync(OrderDocumentProjection.Search.Name);
        // Once the held commit has begun, the two before it are done and the checkpoint stays put.
        var halfWay = await StatusOfAsync(runner, OrderDocumentProjection.Search.Name, _ => search.Commits >= heldFrom);
        search.Gate.SetResult();
        await _fixture.CaughtUpAsync(runner);
        var done = await StatusOfAsync(runner, OrderDocumentProjection.Search.Name, p => p.Rebuild?.FinishedAt is not null);

        Assert.Equal(head, halfWay.Rebuild?.Target);
        Assert.InRange(halfWay.Rebuild!.Fraction, 1e-9, 0.999);
        Assert.Equal((double)halfWay.Checkpoint!.Value.Commit / head.Commit, halfWay.Rebuild.Fraction, 6);
        Assert.Null(halfWay.Rebuild.FinishedAt);
        Assert.Equal((1.0, halfWay.Rebuild.StartedAt), (done.Rebuild!.Fraction, done.Rebuild.StartedAt));
        Assert.True(done.Rebuild.FinishedAt >= done.Rebuild.StartedAt);
        Assert.Null((await runner.GetStatusAsync()).Projections.Single(p => p.Name == OrderDocumentProjection.Instance.Name).Rebuild);
    }

    [Fact]
    public async Task A_rebuild_of_an_empty_log_is_finished_as_it_starts()
    {
        var runner = await _fixture.StartAsync();

        await runner.RebuildAsync(OrderDocumentProjection.Instance.Name);

        var rebuild = (await runner.GetStatusAsync()).Projections[0].Rebuild;
        Assert.Equal((1.0, (LogPosition?)null, rebuild?.StartedAt), (rebuild?.Fraction, rebuild?.Target, rebuild?.FinishedAt));
    }

    static async Task<ProjectionStatus> StatusOfAsync(ProjectionRunner runner, string projection, Func<ProjectionStatus, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var status = (await runner.GetStatusAsync()).Projections.Single(p => p.Name == projection);
            if (until(status))
                return status;
            Assert.True(DateTime.UtcNow < deadline, $"{projection} did not get there: {status}");
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task A_reader_waiting_for_a_version_is_woken_by_the_commit_that_reaches_it()
    {
        var orderId = Guid.NewGuid();
        var runner = await _fixture.StartAsync();
        var waiting = runner.WaitForVersionAsync(orderId, 1, TimeSpan.FromSeconds(10));

        Append(orderId, Create(orderId, Item("sku-1", "Blue shirt", "Cotton", 1, 10m)), new OrderCommand.PayOrder(orderId, "pay-1", Start));

        Assert.True(await waiting);
        using var queries = new SqliteOrderDocumentStore(_fixture.File);
        Assert.Equal("paid", (await queries.GetAsync(orderId))?.Status);
        Assert.False(await runner.WaitForVersionAsync(orderId, 2, TimeSpan.FromMilliseconds(30)));
    }

    [Fact]
    public async Task The_status_shows_the_checkpoint_and_how_far_behind_the_log_it_is()
    {
        AppendOrders(_fixture.Log, 20);
        var runner = await _fixture.StartAsync();
        await _fixture.CaughtUpAsync(runner);

        var status = await runner.GetStatusAsync();

        var head = (await _fixture.Log.ReadAllAsync(null, int.MaxValue, ""))[^1].Position;
        Assert.All(status.Projections, p => Assert.Equal((head, 0L, TimeSpan.Zero, 0), (p.Checkpoint!.Value, p.EventsBehind, p.TimeBehind, p.ParkedCount)));
        Assert.Equal(head, status.LastEventSeen?.Position);
        Assert.Equal([OrderDocumentProjection.Instance.Name, OrderDocumentProjection.Search.Name], status.Projections.Select(p => p.Name));
    }

    void Append(Guid orderId, params OrderCommand[] commands) => Append(orderId, commands, version: 0);

    void Append(Guid orderId, OrderCommand command, int version) => Append(orderId, [command], version);

    /// <summary>Decides the commands on top of the stream's first <paramref name="version"/> events and records the new ones.</summary>
    void Append(Guid orderId, OrderCommand[] commands, int version)
    {
        var history = _fixture.Log.ReadStreamAsync(OrderStream.Name(orderId)).Result
            .Take(version).Select(e => ProjectedEvent.Decode(e)!.Event);
        var state = history.Aggregate(OrderDecider.Initial, OrderDecider.Evolve);
        foreach (var command in commands)
        {
            var events = OrderDecider.Decide(command, state).IfLeft(error => throw new InvalidOperationException(error.Code));
            foreach (var e in events)
            {
                _fixture.Log.Record(OrderStream.Name(orderId), OrderEventCodec.TypeOf(e), OrderEventCodec.Encode(e), Start);
                state = OrderDecider.Evolve(state, e);
            }
        }
    }
}
