using MongoDB.Bson;
using MongoDB.Driver;
using Orders.EventStore;
using Orders.Projections.Documents;

namespace Orders.Projections.Mongo;

/// <summary>
/// The order documents in MongoDB: collection <c>orders</c> (one document per order, <c>_id</c> = order id), the
/// checkpoint and parked events beside them in the same database (<see cref="MongoCheckpointStore"/>).
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

    readonly IMongoCollection<BsonDocument> _orders;
    readonly MongoCheckpointStore _checkpoints;

    public MongoOrderDocumentStore(IMongoDatabase database)
    {
        _orders = database.GetCollection<BsonDocument>("orders");
        _checkpoints = new MongoCheckpointStore(database, OrderDocumentProjection.Instance.Name);
    }

    public Task<LogPosition?> ReadCheckpointAsync(CancellationToken ct = default) => _checkpoints.ReadCheckpointAsync(ct);

    public Task<ProjectionLease?> TakeLeaseAsync(string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default) =>
        _checkpoints.TakeLeaseAsync(holder, now, until, ct);

    public Task ReleaseLeaseAsync(string holder, CancellationToken ct = default) => _checkpoints.ReleaseLeaseAsync(holder, ct);

    public Task<ProjectionLease?> ReadLeaseAsync(CancellationToken ct = default) => _checkpoints.ReadLeaseAsync(ct);

    public async Task<IReadOnlyDictionary<Guid, OrderDocument>> LoadAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct = default)
    {
        if (orderIds.Count == 0)
            return new Dictionary<Guid, OrderDocument>();
        var found = await _orders.Find(MongoRequests.ByIds(orderIds)).ToListAsync(ct);
        return found.Select(OrderDocumentBson.FromBson).ToDictionary(d => d.OrderId);
    }

    public async Task<long?> ReadVersionAsync(Guid orderId, CancellationToken ct = default)
    {
        var found = await _orders.Find(MongoRequests.ById(orderId)).Project(MongoRequests.VersionOnly).FirstOrDefaultAsync(ct);
        return found?["version"].ToInt64();
    }

    public async Task<OrderDocument?> GetAsync(Guid orderId, CancellationToken ct = default)
    {
        var found = await _orders.Find(MongoRequests.ById(orderId)).FirstOrDefaultAsync(ct);
        return found is null ? null : OrderDocumentBson.FromBson(found);
    }

    public async Task CommitAsync(ProjectionCommit<OrderDocument> commit, CancellationToken ct = default)
    {
        if (commit.Documents.Count > 0)
            await UpsertNewerAsync(commit.Documents, ct);
        await _checkpoints.SaveAsync(commit.State, ct);
    }

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(CancellationToken ct = default) => _checkpoints.ListParkedAsync(ct);

    public async Task ResetAsync(CancellationToken ct = default)
    {
        // The checkpoint goes first: a reset interrupted after it restarts from the log's start over whatever
        // documents are left, which the replay brings back to the same state.
        await _checkpoints.ForgetAsync(ct);
        await _orders.DeleteManyAsync(FilterDefinition<BsonDocument>.Empty, ct);
    }

    /// <summary>
    /// One unordered bulk of version-guarded upserts. A duplicate key means that the stored document is already at
    /// that version or newer, so those errors are expected; any other error fails the commit.
    /// </summary>
    async Task UpsertNewerAsync(IReadOnlyCollection<OrderDocument> documents, CancellationToken ct)
    {
        try
        {
            await _orders.BulkWriteAsync(MongoRequests.UpsertNewer(documents), new BulkWriteOptions { IsOrdered = false }, ct);
        }
        catch (MongoBulkWriteException<BsonDocument> ex)
            when (ex.WriteConcernError is null && ex.WriteErrors.All(e => e.Code == DuplicateKey))
        {
            // Every failed write met a document at least as new: the commit is done.
        }
    }
}
