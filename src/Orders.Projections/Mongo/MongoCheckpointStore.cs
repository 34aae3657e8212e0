using MongoDB.Bson;
using MongoDB.Driver;
using Orders.EventStore;

namespace Orders.Projections.Mongo;

/// <summary>
/// A follower's checkpoint in <c>projection_checkpoints</c> (<c>_id</c> = the follower's name), its parked events in
/// <c>projection_parked</c> and the lease on its work in <c>projection_leases</c>. Without transactions (a standalone server has none), a save writes the parked and
/// released events first and the checkpoint last, so the checkpoint never gets ahead of them; parking or releasing
/// again is idempotent.
/// </summary>
public sealed class MongoCheckpointStore(IMongoDatabase database, string follower) : ICheckpointStore
{
    readonly IMongoCollection<BsonDocument> _checkpoints = database.GetCollection<BsonDocument>("projection_checkpoints");
    const int DuplicateKey = 11000;

    readonly IMongoCollection<BsonDocument> _parked = database.GetCollection<BsonDocument>("projection_parked");
    readonly IMongoCollection<BsonDocument> _leases = database.GetCollection<BsonDocument>("projection_leases");

    public async Task<LogPosition?> ReadCheckpointAsync(CancellationToken ct = default)
    {
        var checkpoint = await _checkpoints.Find(MongoRequests.CheckpointOf(follower)).FirstOrDefaultAsync(ct);
        return checkpoint is null
            ? null
            : new LogPosition(
                unchecked((ulong)checkpoint["commitPosition"].ToInt64()),
                unchecked((ulong)checkpoint["preparePosition"].ToInt64()));
    }

    public async Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(CancellationToken ct = default)
    {
        var found = await _parked.Find(MongoRequests.ParkedOf(follower)).Sort(MongoRequests.InLogOrder).ToListAsync(ct);
        return found.Select(ParkedEventBson.FromBson).ToList();
    }

    public async Task SaveAsync(CheckpointChange change, CancellationToken ct = default)
    {
        var parkedWrites = MongoRequests.ParkAndRelease(change.Parked, change.Released);
        if (parkedWrites.Count > 0)
            await _parked.BulkWriteAsync(parkedWrites, new BulkWriteOptions { IsOrdered = true }, ct);
        if (change.Checkpoint is { } checkpoint)
            await WhenNotDuplicateAsync(() => _checkpoints.ReplaceOneAsync(
                MongoRequests.CheckpointBehind(follower, checkpoint), MongoRequests.Checkpoint(follower, checkpoint), new ReplaceOptions { IsUpsert = true }, ct));
    }

    /// <summary>The checkpoint first: a forget interrupted after it starts from the log's start, over parked events that are harmless to keep.</summary>
    public async Task ForgetAsync(CancellationToken ct = default)
    {
        await _checkpoints.DeleteOneAsync(MongoRequests.CheckpointOf(follower), ct);
        await _parked.DeleteManyAsync(MongoRequests.ParkedOf(follower), ct);
    }

    public async Task<ProjectionLease?> TakeLeaseAsync(string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default)
    {
        var taken = await WhenNotDuplicateAsync(() => _leases.ReplaceOneAsync(
            MongoRequests.LeaseTakeableBy(follower, holder, now), MongoRequests.Lease(follower, holder, until), new ReplaceOptions { IsUpsert = true }, ct));
        return taken ? new ProjectionLease(holder, until) : await ReadLeaseAsync(ct);
    }

    public Task ReleaseLeaseAsync(string holder, CancellationToken ct = default) =>
        _leases.DeleteOneAsync(MongoRequests.LeaseHeldBy(follower, holder), ct);

    public async Task<ProjectionLease?> ReadLeaseAsync(CancellationToken ct = default)
    {
        var lease = await _leases.Find(MongoRequests.LeaseOf(follower)).FirstOrDefaultAsync(ct);
        return lease is null
            ? null
            : new ProjectionLease(lease["holder"].AsString, new DateTimeOffset(lease["expires"].ToUniversalTime(), TimeSpan.Zero));
    }

    /// <summary>Runs a guarded upsert; false when its guard matched nothing and the insert met the existing document.</summary>
    static async Task<bool> WhenNotDuplicateAsync(Func<Task> upsert)
    {
        try
        {
            await upsert();
            return true;
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Code == DuplicateKey)
        {
            return false;
        }
    }
}
