using MongoDB.Bson;
using MongoDB.Driver;
using Orders.EventStore;

namespace Orders.Projections.Mongo;

/// <summary>
/// A follower's checkpoint in <c>projection_checkpoints</c> (<c>_id</c> = the follower's name) and its parked events in
/// <c>projection_parked</c>. Without transactions (a standalone server has none), a save writes the parked and
/// released events first and the checkpoint last, so the checkpoint never gets ahead of them; parking or releasing
/// again is idempotent.
/// </summary>
public sealed class MongoCheckpointStore(IMongoDatabase database, string follower) : ICheckpointStore
{
    readonly IMongoCollection<BsonDocument> checkpoints = database.GetCollection<BsonDocument>("projection_checkpoints");
    readonly IMongoCollection<BsonDocument> parked = database.GetCollection<BsonDocument>("projection_parked");

    public async Task<LogPosition?> ReadCheckpointAsync(CancellationToken ct = default)
    {
        var checkpoint = await checkpoints.Find(MongoRequests.CheckpointOf(follower)).FirstOrDefaultAsync(ct);
        return checkpoint is null
            ? null
            : new LogPosition(
                unchecked((ulong)checkpoint["commitPosition"].ToInt64()),
                unchecked((ulong)checkpoint["preparePosition"].ToInt64()));
    }

    public async Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(CancellationToken ct = default)
    {
        var found = await parked.Find(MongoRequests.ParkedOf(follower)).Sort(MongoRequests.InLogOrder).ToListAsync(ct);
        return found.Select(ParkedEventBson.FromBson).ToList();
    }

    public async Task SaveAsync(CheckpointChange change, CancellationToken ct = default)
    {
        var parkedWrites = MongoRequests.ParkAndRelease(change.Parked, change.Released);
        if (parkedWrites.Count > 0)
            await parked.BulkWriteAsync(parkedWrites, new BulkWriteOptions { IsOrdered = true }, ct);
        if (change.Checkpoint is { } checkpoint)
            await checkpoints.ReplaceOneAsync(
                MongoRequests.CheckpointOf(follower), MongoRequests.Checkpoint(follower, checkpoint), new ReplaceOptions { IsUpsert = true }, ct);
    }

    /// <summary>The checkpoint first: a forget interrupted after it starts from the log's start, over parked events that are harmless to keep.</summary>
    public async Task ForgetAsync(CancellationToken ct = default)
    {
        await checkpoints.DeleteOneAsync(MongoRequests.CheckpointOf(follower), ct);
        await parked.DeleteManyAsync(MongoRequests.ParkedOf(follower), ct);
    }
}
