using MongoDB.Bson;
using Orders.Decider.Serialization;
using Orders.EventStore;

namespace Orders.Projections.Mongo;

/// <summary>
/// A parked event as the <c>projection_parked</c> collection holds it: keyed by projection, stream and version (so
/// parking the same event again replaces it), with the whole recorded event, so that it replays without the log.
/// Positions are stored as Int64, as the SQLite store keeps them.
/// </summary>
public static class ParkedEventBson
{
    public static BsonDocument Id(string projection, string streamId, long streamVersion) =>
        new() { { "projection", projection }, { "streamId", streamId }, { "streamVersion", streamVersion } };

    public static BsonDocument ToBson(ParkedEvent parked)
    {
        var e = parked.Event;
        return new BsonDocument
        {
            { "_id", Id(parked.Projection, e.StreamId, e.StreamVersion) },
            {
                "event", new BsonDocument
                {
                    { "commitPosition", unchecked((long)e.Position.Commit) },
                    { "preparePosition", unchecked((long)e.Position.Prepare) },
                    { "eventId", e.EventId.ToString("D") },
                    { "type", e.Type },
                    { "data", new BsonBinaryData(e.Data.ToArray()) },
                    { "metadata", new BsonBinaryData(e.Metadata.ToArray()) },
                    { "created", GoTime.Format(e.Created) },
                }
            },
            { "error", parked.Error },
            { "attempts", parked.Attempts },
            { "parkedAt", GoTime.Format(parked.ParkedAt) },
            { "heldBehind", parked.HeldBehind is { } behind ? behind : BsonNull.Value },
        };
    }

    public static ParkedEvent FromBson(BsonDocument bson)
    {
        var id = bson["_id"].AsBsonDocument;
        var e = bson["event"].AsBsonDocument;
        var recorded = new RecordedEvent(
            id["streamId"].AsString,
            id["streamVersion"].ToInt64(),
            new LogPosition(unchecked((ulong)e["commitPosition"].ToInt64()), unchecked((ulong)e["preparePosition"].ToInt64())),
            Guid.Parse(e["eventId"].AsString),
            e["type"].AsString,
            e["data"].AsByteArray,
            e["metadata"].AsByteArray,
            GoTime.Parse(e["created"].AsString));
        return new ParkedEvent(
            id["projection"].AsString,
            recorded,
            bson["error"].AsString,
            bson["attempts"].ToInt32(),
            GoTime.Parse(bson["parkedAt"].AsString),
            bson["heldBehind"].IsBsonNull ? null : bson["heldBehind"].ToInt64());
    }
}
