using MongoDB.Bson;
using MongoDB.Driver;
using Orders.EventStore;
using Orders.Projections.Documents;

namespace Orders.Projections.Mongo;

/// <summary>
/// The filters, replacements and sorts <see cref="MongoOrderDocumentStore"/> sends, built as plain BSON so that
/// what is sent is exactly what the specs render and pin.
/// </summary>
public static class MongoRequests
{
    /// <summary>
    /// Matches the order's document only while it reflects an older version (or none). Upserting with this filter
    /// writes a newer document; when the stored one is as new or newer, nothing matches, the upsert tries to insert
    /// a second document with the same <c>_id</c> and fails with a duplicate key, which the store takes to mean
    /// "already there".
    /// </summary>
    public static BsonDocument OlderThan(Guid orderId, long version) =>
        new()
        {
            { "_id", OrderDocumentBson.Key(orderId) },
            {
                "$or", new BsonArray
                {
                    new BsonDocument("version", new BsonDocument("$lt", version)),
                    new BsonDocument("version", new BsonDocument("$exists", false)),
                }
            },
        };

    /// <summary>The version-guarded upserts of a commit's documents, for one unordered bulk write.</summary>
    public static IReadOnlyList<WriteModel<BsonDocument>> UpsertNewer(IEnumerable<OrderDocument> documents) =>
        documents
            .Select(d => (WriteModel<BsonDocument>)new ReplaceOneModel<BsonDocument>(OlderThan(d.OrderId, d.Version), OrderDocumentBson.ToBson(d)) { IsUpsert = true })
            .ToList();

    /// <summary>Parks (replacing an earlier parking of the same event) and releases, for one ordered bulk write.</summary>
    public static IReadOnlyList<WriteModel<BsonDocument>> ParkAndRelease(IEnumerable<ParkedEvent> parked, IEnumerable<ParkedEvent> released) =>
        parked
            .Select(p => (WriteModel<BsonDocument>)new ReplaceOneModel<BsonDocument>(ParkedKey(p), ParkedEventBson.ToBson(p)) { IsUpsert = true })
            .Concat(released.Select(r => new DeleteOneModel<BsonDocument>(ParkedKey(r))))
            .ToList();

    public static BsonDocument ById(Guid orderId) => new("_id", OrderDocumentBson.Key(orderId));

    public static BsonDocument ByIds(IEnumerable<Guid> orderIds) =>
        new("_id", new BsonDocument("$in", new BsonArray(orderIds.Select(OrderDocumentBson.Key))));

    /// <summary>Reads only the version of a document, for read-your-writes waits.</summary>
    public static BsonDocument VersionOnly => new() { { "_id", 0 }, { "version", 1 } };

    public static BsonDocument CheckpointOf(string projection) => new("_id", projection);

    public static BsonDocument Checkpoint(string projection, LogPosition position) =>
        new()
        {
            { "_id", projection },
            { "commitPosition", unchecked((long)position.Commit) },
            { "preparePosition", unchecked((long)position.Prepare) },
        };

    public static BsonDocument ParkedKey(ParkedEvent parked) =>
        new("_id", ParkedEventBson.Id(parked.Projection, parked.Event.StreamId, parked.Event.StreamVersion));

    public static BsonDocument ParkedOf(string projection) => new("_id.projection", projection);

    public static BsonDocument InLogOrder => new() { { "event.commitPosition", 1 }, { "event.preparePosition", 1 } };
}
