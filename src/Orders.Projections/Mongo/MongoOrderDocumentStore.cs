using MongoDB.Bson;
using MongoDB.Driver;
using Orders.EventStore;
using Orders.Projections.Documents;

namespace Orders.Projections.Mongo;

/// <summary>
/// The order documents in MongoDB: collection <c>orders</c> (one document per order, <c>_id</c> = order id), the
/// checkpoint in <c>projection_checkpoints</c>, parked events in <c>projection_parked</c> and the lease on the
/// projection's work in <c>projection_leases</c>, all in one database.
/// </summary>
/// <remarks>
/// A commit is several writes, not a transaction (a standalone server has none). They go in this order: documents,
/// parked and released events, then the checkpoint. A crash part-way leaves the old checkpoint, so the runner
/// delivers the batch again; every document it writes again carries a version the stored one already has, the
/// version guard turns those writes into no-ops, and parking or releasing an event again is idempotent. Nothing is
/// lost, because the checkpoint never gets ahead of what is stored.
/// </remarks>
public sealed class MongoOrderDocumentStore : IProjectionStore<OrderDocument>, IOrderQueries
{
    const int DuplicateKey = 11000;

    readonly string projection = OrderDocumentProjection.Instance.Name;
    readonly IMongoCollection<BsonDocument> orders;
    readonly IMongoCollection<BsonDocument> checkpoints;
    readonly IMongoCollection<BsonDocument> parked;
    readonly IMongoCollection<BsonDocument> leases;

    public MongoOrderDocumentStore(IMongoDatabase database)
    {
        orders = database.GetCollection<BsonDocument>("orders");
        checkpoints = database.GetCollection<BsonDocument>("projection_checkpoints");
        parked = database.GetCollection<BsonDocument>("projection_parked");
        leases = database.GetCollection<BsonDocument>("projection_leases");
    }

    public async Task<LogPosition?> ReadCheckpointAsync(CancellationToken ct = default)
    {
        var checkpoint = await checkpoints.Find(MongoRequests.CheckpointOf(projection)).FirstOrDefaultAsync(ct);
        return checkpoint is null
            ? null
            : new LogPosition(
                unchecked((ulong)checkpoint["commitPosition"].ToInt64()),
                unchecked((ulong)checkpoint["preparePosition"].ToInt64()));
    }

    public async Task<IReadOnlyDictionary<Guid, OrderDocument>> LoadAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct = default)
    {
        if (orderIds.Count == 0)
            return new Dictionary<Guid, OrderDocument>();
        var found = await orders.Find(MongoRequests.ByIds(orderIds)).ToListAsync(ct);
        return found.Select(OrderDocumentBson.FromBson).ToDictionary(d => d.OrderId);
    }

    public async Task<long?> ReadVersionAsync(Guid orderId, CancellationToken ct = default)
    {
        var found = await orders.Find(MongoRequests.ById(orderId)).Project(MongoRequests.VersionOnly).FirstOrDefaultAsync(ct);
        return found?["version"].ToInt64();
    }

    public async Task<OrderDocument?> GetAsync(Guid orderId, CancellationToken ct = default)
    {
        var found = await orders.Find(MongoRequests.ById(orderId)).FirstOrDefaultAsync(ct);
        return found is null ? null : OrderDocumentBson.FromBson(found);
    }

    public async Task CommitAsync(ProjectionCommit<OrderDocument> commit, CancellationToken ct = default)
    {
        if (commit.Documents.Count > 0)
            await UpsertNewerAsync(commit.Documents, ct);
        var parkedWrites = MongoRequests.ParkAndRelease(commit.Parked, commit.Released);
        if (parkedWrites.Count > 0)
            await parked.BulkWriteAsync(parkedWrites, new BulkWriteOptions { IsOrdered = true }, ct);
        if (commit.Checkpoint is { } checkpoint)
            await WhenNotDuplicateAsync(() => checkpoints.ReplaceOneAsync(
                MongoRequests.CheckpointBehind(projection, checkpoint), MongoRequests.Checkpoint(projection, checkpoint), new ReplaceOptions { IsUpsert = true }, ct));
    }

    public async Task<ProjectionLease?> TakeLeaseAsync(string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default)
    {
        var taken = await WhenNotDuplicateAsync(() => leases.ReplaceOneAsync(
            MongoRequests.LeaseTakeableBy(projection, holder, now), MongoRequests.Lease(projection, holder, until), new ReplaceOptions { IsUpsert = true }, ct));
        return taken ? new ProjectionLease(holder, until) : await ReadLeaseAsync(ct);
    }

    public Task ReleaseLeaseAsync(string holder, CancellationToken ct = default) =>
        leases.DeleteOneAsync(MongoRequests.LeaseHeldBy(projection, holder), ct);

    public async Task<ProjectionLease?> ReadLeaseAsync(CancellationToken ct = default)
    {
        var lease = await leases.Find(MongoRequests.LeaseOf(projection)).FirstOrDefaultAsync(ct);
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

    public async Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(CancellationToken ct = default)
    {
        var found = await parked.Find(MongoRequests.ParkedOf(projection)).Sort(MongoRequests.InLogOrder).ToListAsync(ct);
        return found.Select(ParkedEventBson.FromBson).ToList();
    }

    public async Task ResetAsync(CancellationToken ct = default)
    {
        // The checkpoint goes first: a reset interrupted after it restarts from the log's start over whatever
        // documents are left, which the replay brings back to the same state.
        await checkpoints.DeleteOneAsync(MongoRequests.CheckpointOf(projection), ct);
        await parked.DeleteManyAsync(MongoRequests.ParkedOf(projection), ct);
        await orders.DeleteManyAsync(FilterDefinition<BsonDocument>.Empty, ct);
    }

    /// <summary>
    /// One unordered bulk of version-guarded upserts. A duplicate key means that the stored document is already at
    /// that version or newer, so those errors are expected; any other error fails the commit.
    /// </summary>
    async Task UpsertNewerAsync(IReadOnlyCollection<OrderDocument> documents, CancellationToken ct)
    {
        try
        {
            await orders.BulkWriteAsync(MongoRequests.UpsertNewer(documents), new BulkWriteOptions { IsOrdered = false }, ct);
        }
        catch (MongoBulkWriteException<BsonDocument> ex)
            when (ex.WriteConcernError is null && ex.WriteErrors.All(e => e.Code == DuplicateKey))
        {
            // Every failed write met a document at least as new: the commit is done.
        }
    }
}
