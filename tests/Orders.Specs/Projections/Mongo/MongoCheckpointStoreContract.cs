using Orders.Projections;
using Orders.Projections.Mongo;
using Orders.Specs.Projections.Contracts;

namespace Orders.Specs.Projections.Mongo;

/// <summary>The checkpoint store against a real MongoDB server; skipped, spec by spec, when none is configured.</summary>
public sealed class MongoCheckpointStoreContract : CheckpointStoreContract
{
    readonly MongoSpecDatabase _database = new();

    protected override string UnavailableReason => MongoSpecDatabase.UnavailableReason;

    protected override Task<ICheckpointStore?> OpenAsync(string follower) =>
        Task.FromResult<ICheckpointStore?>(_database.Open() is { } opened ? new MongoCheckpointStore(opened, follower) : null);

    protected override Task DropAsync() => _database.DropAsync();
}
