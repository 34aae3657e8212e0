using System.Text.Json.Serialization;
using Orders.Decider.Serialization;
using Orders.EventStore;

namespace Orders.Projections.Elastic;

/// <summary>
/// A checkpoint (<see cref="Kind"/> <c>checkpoint</c>), a parked event (<c>parked</c>) or the lease on a follower's
/// work (<c>lease</c>) as the state index keeps it. Positions are stored as longs, as the other stores keep them; only what is filtered and sorted on is
/// indexed, the parked event's body is kept in the source alone.
/// </summary>
public sealed record ProjectionStateDocument(
    string Projection,
    string Kind,
    long CommitPosition,
    long PreparePosition,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ParkedEventBody? Parked,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LeaseBody? Lease = null)
{
    public const string LeaseKind = "lease";

    public const string CheckpointKind = "checkpoint";
    public const string ParkedKind = "parked";

    [JsonIgnore]
    public LogPosition Position => new(unchecked((ulong)CommitPosition), unchecked((ulong)PreparePosition));

    public static ProjectionStateDocument Checkpoint(string projection, LogPosition position) =>
        new(projection, CheckpointKind, unchecked((long)position.Commit), unchecked((long)position.Prepare), null);

    public static ProjectionStateDocument Of(ParkedEvent parked)
    {
        var e = parked.Event;
        return new(
            parked.Projection,
            ParkedKind,
            unchecked((long)e.Position.Commit),
            unchecked((long)e.Position.Prepare),
            new ParkedEventBody(
                e.StreamId, e.StreamVersion, e.EventId, e.Type, e.Data.ToArray(), e.Metadata.ToArray(), e.Created,
                parked.Error, parked.Attempts, parked.ParkedAt, parked.HeldBehind));
    }

    public ParkedEvent ToParkedEvent()
    {
        var body = Parked ?? throw new InvalidOperationException($"The {Kind} document of {Projection} holds no parked event.");
        return new ParkedEvent(
            Projection,
            new RecordedEvent(body.StreamId, body.StreamVersion, Position, body.EventId, body.Type, body.Data, body.Metadata, body.Created),
            body.Error,
            body.Attempts,
            body.ParkedAt,
            body.HeldBehind);
    }
}

/// <summary>The whole recorded event, so that it replays without the log, with why and when it was parked.</summary>
public sealed record ParkedEventBody(
    string StreamId,
    long StreamVersion,
    Guid EventId,
    string Type,
    byte[] Data,
    byte[] Metadata,
    [property: JsonConverter(typeof(GoTimeJsonConverter))] DateTimeOffset Created,
    string Error,
    int Attempts,
    [property: JsonConverter(typeof(GoTimeJsonConverter))] DateTimeOffset ParkedAt,
    long? HeldBehind);

/// <summary>Who holds a follower's lease and until when, in Unix milliseconds (what the lease's script compares).</summary>
public sealed record LeaseBody(string Holder, long Expires)
{
    public ProjectionLease ToLease() => new(Holder, DateTimeOffset.FromUnixTimeMilliseconds(Expires));
}
