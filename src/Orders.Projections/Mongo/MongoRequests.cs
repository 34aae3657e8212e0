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

    /// <summary>
    /// Upserted by the checkpoint write: matches the stored checkpoint only while it is behind <paramref name="position"/>.
    /// When it is as far or further, nothing matches and the insert fails with a duplicate key: the checkpoint never
    /// moves backwards, even when an instance that lost its lease commits late.
    /// </summary>
    public static BsonDocument CheckpointBehind(string projection, LogPosition position) =>
        new()
        {
            { "_id", projection },
            {
                "$or", new BsonArray
                {
                    Below("commitPosition", position.Commit),
                    new BsonDocument("$and", new BsonArray
                    {
                        new BsonDocument("commitPosition", unchecked((long)position.Commit)),
                        Below("preparePosition", position.Prepare),
                    }),
                }
            },
        };

    /// <summary>
    /// The field (a position, stored as the long with the same bits) is below <paramref name="value"/> as unsigned
    /// numbers: for a value under 2^63, a stored long from 0 up to it; above, any stored long from 0 up, or a negative
    /// one (2^63 and over) below it.
    /// </summary>
    static BsonDocument Below(string field, ulong value)
    {
        var bits = unchecked((long)value);
        return bits >= 0
            ? new BsonDocument(field, new BsonDocument { { "$gte", 0L }, { "$lt", bits } })
            : new BsonDocument("$or", new BsonArray
            {
                new BsonDocument(field, new BsonDocument("$gte", 0L)),
                new BsonDocument(field, new BsonDocument("$lt", bits)),
            });
    }

    /// <summary>
    /// Matches the projection's lease when <paramref name="holder"/> may take it: it holds it already, or the lease
    /// expired before <paramref name="now"/>. Upserted with <see cref="Lease"/>: when another instance holds a live
    /// lease nothing matches, the insert fails with a duplicate key, and the lease stays where it is.
    /// </summary>
    public static BsonDocument LeaseTakeableBy(string projection, string holder, DateTimeOffset now) =>
        new()
        {
            { "_id", projection },
            {
                "$or", new BsonArray
                {
                    new BsonDocument("holder", holder),
                    new BsonDocument("expires", new BsonDocument("$lt", new BsonDateTime(now.UtcDateTime))),
                }
            },
        };

    public static BsonDocument Lease(string projection, string holder, DateTimeOffset until) =>
        new()
        {
            { "_id", projection },
            { "holder", holder },
            { "expires", new BsonDateTime(until.UtcDateTime) },
        };

    public static BsonDocument LeaseOf(string projection) => new("_id", projection);

    public static BsonDocument LeaseHeldBy(string projection, string holder) => new() { { "_id", projection }, { "holder", holder } };

    public static BsonDocument ParkedKey(ParkedEvent parked) =>
        new("_id", ParkedEventBson.Id(parked.Projection, parked.Event.StreamId, parked.Event.StreamVersion));

    public static BsonDocument ParkedOf(string projection) => new("_id.projection", projection);

    public static BsonDocument InLogOrder => new() { { "event.commitPosition", 1 }, { "event.preparePosition", 1 } };
}
