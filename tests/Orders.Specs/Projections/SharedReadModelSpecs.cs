using Orders.Decider;
using Orders.EventStore;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Runner;
using static Orders.Specs.Projections.OrderHistories;

namespace Orders.Specs.Projections;

/// <summary>
/// Several instances sharing one set of read models (<see cref="ProjectionRunnerMode.Lease"/>): two runners over the
/// same SQLite file, as two hosts would be, each projection applied only by the holder of its lease.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the fixture through IAsyncLifetime.
public sealed class SharedReadModelSpecs : IAsyncLifetime
#pragma warning restore CA1001
{
    readonly ReadModelFixture _fixture = new();

    /// <summary>Every checkpoint that reached the store, per projection, in the order the commits landed, from every instance.</summary>
    readonly Dictionary<string, List<LogPosition>> _committed = new()
    {
        [OrderDocumentProjection.Instance.Name] = [],
        [OrderDocumentProjection.Search.Name] = [],
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _fixture.DisposeAsync().AsTask();

    ScriptedStore<OrderDocument> Recorded(IProjectionStore<OrderDocument> store, string projection) =>
        new(store)
        {
            Committed = commit =>
            {
                if (commit.Checkpoint is not { } checkpoint)
                    return;
                lock (_committed)
                    _committed[projection].Add(checkpoint);
            },
        };

    async Task<(ProjectionRunner Runner, ScriptedStore<OrderDocument> Orders, ScriptedStore<OrderDocument> Search)> StartAsync(string name)
    {
        ScriptedStore<OrderDocument>? orders = null, search = null;
        var runner = await _fixture.StartAsync(
            orders: s => orders = Recorded(s, OrderDocumentProjection.Instance.Name),
            search: s => search = Recorded(s, OrderDocumentProjection.Search.Name),
            instance: name);
        return (runner, orders!, search!);
    }

    void NoBatchWasCommittedTwiceAndNoCheckpointWentBack()
    {
        lock (_committed)
            foreach (var (projection, checkpoints) in _committed)
                Assert.True(
                    checkpoints.Zip(checkpoints.Skip(1)).All(pair => pair.Item1 < pair.Item2),
                    $"{projection}'s checkpoints did not only move forward: {string.Join(", ", checkpoints)}");
    }

    async Task ConvergedToTheFoldOfTheLogAsync()
    {
        var (storedOrders, storedSearch) = await _fixture.StoredAsync();
        var (foldedOrders, foldedSearch) = await _fixture.FoldedAsync();
        Assert.Equal(foldedOrders, storedOrders);
        Assert.Equal(foldedSearch, storedSearch);
    }

    [Fact]
    public async Task Only_the_lease_holder_applies_and_when_it_is_cut_off_the_other_takes_over_and_finishes()
    {
        var a = await StartAsync("instance-a");
        await ReadModelFixture.AppliesEveryProjectionAsync(a.Runner);
        var b = await StartAsync("instance-b");
        AppendOrders(_fixture.Log, 300);
        await _fixture.CaughtUpAsync(a.Runner);

        Assert.True(a.Orders.Commits > 0 && a.Search.Commits > 0);
        Assert.Equal((0, 0), (b.Orders.Commits, b.Search.Commits));
        Assert.DoesNotContain(b.Runner.Projections, b.Runner.AppliesHere);

        a.Orders.CutOff = a.Search.CutOff = true;
        AppendOrders(_fixture.Log, 300, seed: 2);
        await ReadModelFixture.AppliesEveryProjectionAsync(b.Runner);
        await _fixture.CaughtUpAsync(b.Runner);

        Assert.True(b.Orders.Commits > 0 && b.Search.Commits > 0);
        Assert.DoesNotContain(a.Runner.Projections, a.Runner.AppliesHere);
        NoBatchWasCommittedTwiceAndNoCheckpointWentBack();
        await ConvergedToTheFoldOfTheLogAsync();
    }

    [Fact]
    public async Task A_holder_that_stops_gives_its_leases_up_and_the_other_instance_finishes_the_work()
    {
        var a = await StartAsync("instance-a");
        await ReadModelFixture.AppliesEveryProjectionAsync(a.Runner);
        var b = await StartAsync("instance-b");
        AppendOrders(_fixture.Log, 200);
        await _fixture.CaughtUpAsync(a.Runner);

        await _fixture.StopAsync(a.Runner);
        AppendOrders(_fixture.Log, 200, seed: 2);
        await ReadModelFixture.AppliesEveryProjectionAsync(b.Runner);
        await _fixture.CaughtUpAsync(b.Runner);

        var status = await b.Runner.GetStatusAsync();
        Assert.All(status.Projections, p => Assert.Equal("instance-b", p.Lease?.Holder));
        NoBatchWasCommittedTwiceAndNoCheckpointWentBack();
        await ConvergedToTheFoldOfTheLogAsync();
    }

    [Fact]
    public async Task An_instance_that_does_not_apply_the_projections_still_sees_a_version_another_instance_wrote()
    {
        var a = await StartAsync("instance-a");
        await ReadModelFixture.AppliesEveryProjectionAsync(a.Runner);
        var b = await StartAsync("instance-b");
        AppendOrders(_fixture.Log, 8);
        var last = (await _fixture.Log.ReadAllAsync(null, int.MaxValue, "order-"))[^1];
        Assert.True(OrderStream.TryParse(last.StreamId, out var orderId));

        var reached = await b.Runner.WaitForVersionAsync(orderId, last.StreamVersion, TimeSpan.FromSeconds(5));

        Assert.True(reached);
        Assert.Equal((0, 0), (b.Orders.Commits, b.Search.Commits));
    }

    [Fact]
    public async Task An_instance_that_does_not_hold_a_projection_refuses_to_replay_skip_or_rebuild_it()
    {
        var a = await StartAsync("instance-a");
        await ReadModelFixture.AppliesEveryProjectionAsync(a.Runner);
        var b = await StartAsync("instance-b");

        var refused = await Assert.ThrowsAsync<ProjectionAppliedElsewhereException>(() => b.Runner.RebuildAsync(OrderDocumentProjection.Search.Name));

        Assert.Contains("instance-b", refused.Message);
    }
}
