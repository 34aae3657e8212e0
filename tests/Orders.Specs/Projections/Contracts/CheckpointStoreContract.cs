using Orders.EventStore;
using Orders.Projections;
using static Orders.Specs.Projections.Contracts.ParkedEvents;

namespace Orders.Specs.Projections.Contracts;

/// <summary>
/// What every <see cref="ICheckpointStore"/> must do, whatever keeps the data: the read models' stores write it
/// with their documents and the event publisher alone. Each store's spec class supplies only the store; a
/// server-backed one whose server is not configured gives none, and every behaviour is then reported as skipped, by
/// name, with the reason.
/// </summary>
public abstract class CheckpointStoreContract : IAsyncLifetime
{
    const string Follower = "search";

    ICheckpointStore? _store;

    ICheckpointStore Store
    {
        get
        {
            Skip.If(_store is null, UnavailableReason);
            return _store!;
        }
    }

    /// <summary>A store of <paramref name="follower"/> over the storage this spec uses; another call opens another over the same data.</summary>
    protected abstract Task<ICheckpointStore?> OpenAsync(string follower);

    protected virtual string UnavailableReason => "No store is configured.";

    /// <summary>Removes everything the spec stored.</summary>
    protected abstract Task DropAsync();

    public async Task InitializeAsync() => _store = await OpenAsync(Follower);

    public Task DisposeAsync() => DropAsync();

    async Task<ICheckpointStore> ReopenAsync(string follower = Follower) => (await OpenAsync(follower))!; // Store has skipped the spec when there is none.

    [SkippableFact]
    public async Task A_follower_starts_with_no_checkpoint_and_nothing_parked()
    {
        Assert.Null(await Store.ReadCheckpointAsync());
        Assert.Empty(await Store.ListParkedAsync());
    }

    [SkippableFact]
    public async Task The_checkpoint_moves_with_each_save_outlives_the_store_and_a_save_without_one_keeps_it()
    {
        await Store.SaveAsync(CheckpointChange.MoveTo(new LogPosition(5_000_000_123, 5_000_000_100)));
        var farthest = new LogPosition(6_000_000_000, 5_999_999_990);
        await Store.SaveAsync(CheckpointChange.MoveTo(farthest));
        await Store.SaveAsync(new CheckpointChange([Parked(Follower, "order-a", 0, 3, null, 3)], [], Checkpoint: null));

        Assert.Equal(farthest, await Store.ReadCheckpointAsync());
        Assert.Equal(farthest, await (await ReopenAsync()).ReadCheckpointAsync());
    }

    /// <summary>Positions are unsigned; those past <see cref="long.MaxValue"/> come back whole from stores that keep longs.</summary>
    [SkippableFact]
    public async Task A_position_past_the_largest_long_comes_back_whole()
    {
        var far = new LogPosition(ulong.MaxValue - 1, ulong.MaxValue - 2);

        await Store.SaveAsync(CheckpointChange.MoveTo(far));

        Assert.Equal(far, await (await ReopenAsync()).ReadCheckpointAsync());
    }

    [SkippableFact]
    public async Task Parked_events_are_listed_in_log_order_whole_replaced_when_parked_again_and_leave_when_released()
    {
        var stream = $"order-{Guid.NewGuid():D}";
        var poison = Parked(Follower, stream, 1, position: 40, heldBehind: null, attempts: 3);
        var held = Parked(Follower, stream, 2, position: 41, heldBehind: 1, attempts: 0);
        var other = Parked(Follower, $"order-{Guid.NewGuid():D}", 0, position: 7, heldBehind: null, attempts: 3);

        await Store.SaveAsync(new CheckpointChange([poison, held, other], [], LogPosition.Of(41)));
        Assert.Equal(new[] { other, poison, held }.Select(Describe), (await Store.ListParkedAsync()).Select(Describe));

        var retried = poison with { Attempts = 6, Error = "Still failing." };
        await Store.SaveAsync(new CheckpointChange([retried], [held, other], Checkpoint: null));

        Assert.Equal(new[] { Describe(retried) }, (await (await ReopenAsync()).ListParkedAsync()).Select(Describe));
        Assert.Equal(LogPosition.Of(41), await Store.ReadCheckpointAsync());
    }

    [SkippableFact]
    public async Task Releasing_an_event_that_is_not_parked_is_done_and_still_moves_the_checkpoint()
    {
        await Store.SaveAsync(new CheckpointChange([], [Parked(Follower, "order-a", 4, 9, null, 3)], LogPosition.Of(9)));

        Assert.Empty(await Store.ListParkedAsync());
        Assert.Equal(LogPosition.Of(9), await Store.ReadCheckpointAsync());
    }

    [SkippableFact]
    public async Task Forgetting_clears_the_checkpoint_and_the_parked_events_and_a_new_start_is_kept_again()
    {
        await Store.SaveAsync(new CheckpointChange([Parked(Follower, "order-a", 0, 3, null, 3)], [], LogPosition.Of(3)));

        await Store.ForgetAsync();

        Assert.Null(await Store.ReadCheckpointAsync());
        Assert.Empty(await Store.ListParkedAsync());
        await Store.SaveAsync(CheckpointChange.MoveTo(LogPosition.Of(1)));
        Assert.Equal(LogPosition.Of(1), await Store.ReadCheckpointAsync());
    }

    [SkippableFact]
    public async Task Followers_sharing_the_storage_keep_their_own_checkpoints_and_parked_events()
    {
        var publisher = await ReopenAsync("orders.events");
        await Store.SaveAsync(new CheckpointChange([Parked(Follower, "order-a", 0, 3, null, 3)], [], LogPosition.Of(3)));
        await publisher.SaveAsync(CheckpointChange.MoveTo(LogPosition.Of(8)));

        await Store.ForgetAsync();

        Assert.Null(await Store.ReadCheckpointAsync());
        Assert.Equal(LogPosition.Of(8), await publisher.ReadCheckpointAsync());
        Assert.Empty(await publisher.ListParkedAsync());
    }
}
