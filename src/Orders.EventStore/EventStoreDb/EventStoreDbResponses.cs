using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Orders.EventStore;
using Orders.EventStore.EventStoreDb.Protocol;
using Orders.EventStore.EventStoreDb.Protocol.Streams;
using StreamRecordedEvent = Orders.EventStore.EventStoreDb.Protocol.Streams.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace Orders.EventStore.EventStoreDb;

/// <summary>Turns what the server answers into the event-store port's types.</summary>
internal static class EventStoreDbResponses
{
    public static UUID ToUuid(Guid id) => new() { String = id.ToString("D", CultureInfo.InvariantCulture) };

    /// <summary>Accepts both UUID forms: the string one the adapter asks for, and the structured default.</summary>
    public static Guid ToGuid(UUID uuid) => uuid.ValueCase switch
    {
        UUID.ValueOneofCase.String => Guid.Parse(uuid.String, CultureInfo.InvariantCulture),
        UUID.ValueOneofCase.Structured => FromBits(uuid.Structured.MostSignificantBits, uuid.Structured.LeastSignificantBits),
        _ => throw new FormatException("The server sent an event without an id."),
    };

    /// <summary>The structured form holds the UUID's 16 bytes in RFC 4122 (big-endian) order, as two 64-bit halves.</summary>
    private static Guid FromBits(long mostSignificant, long leastSignificant)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, mostSignificant);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], leastSignificant);
        return new Guid(bytes, bigEndian: true);
    }

    public static AppendResult ToAppendResult(AppendResp response) => response.ResultCase switch
    {
        AppendResp.ResultOneofCase.Success => new AppendResult.Appended(
            response.Success.CurrentRevisionOptionCase == AppendResp.Types.Success.CurrentRevisionOptionOneofCase.CurrentRevision
                ? (long)response.Success.CurrentRevision
                : -1,
            response.Success.Position is { } position
                ? new LogPosition(position.CommitPosition, position.PreparePosition)
                : default),
        AppendResp.ResultOneofCase.WrongExpectedVersion => new AppendResult.WrongExpectedVersion(
            ActualVersion(response.WrongExpectedVersion)),
        _ => throw new EventStoreDbException(
            new EventStoreDbFailure.Unexpected(Grpc.Core.StatusCode.Internal, "The append answer carried no result.")),
    };

    private static long ActualVersion(AppendResp.Types.WrongExpectedVersion wrong)
    {
        if (wrong.CurrentRevisionOptionCase == AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentRevision)
            return (long)wrong.CurrentRevision;
        if (wrong.LegacyCurrentRevisionOptionCase == AppendResp.Types.WrongExpectedVersion.LegacyCurrentRevisionOptionOneofCase.LegacyCurrentRevision)
            return (long)wrong.LegacyCurrentRevision;
        return -1;
    }

    public static RecordedEvent ToRecordedEvent(StreamRecordedEvent e) =>
        ToRecordedEvent(e.Id, e.StreamIdentifier, e.StreamRevision, e.CommitPosition, e.PreparePosition, e.Metadata, e.CustomMetadata, e.Data);

    /// <summary>Events the server writes for itself: their types start with '$'.</summary>
    public static bool IsSystemEvent(MapField<string, string> metadata) =>
        metadata.TryGetValue("type", out var type) && type.StartsWith('$');

    private static RecordedEvent ToRecordedEvent(
        UUID id, StreamIdentifier stream, ulong revision, ulong commit, ulong prepare,
        MapField<string, string> metadata, ByteString customMetadata, ByteString data) =>
        new(
            StreamId: stream.StreamName.ToString(Encoding.UTF8),
            StreamVersion: (long)revision,
            Position: new LogPosition(commit, prepare),
            EventId: ToGuid(id),
            Type: metadata.TryGetValue("type", out var type) ? type : "",
            Data: data.Memory,
            Metadata: customMetadata.Memory,
            Created: Created(metadata));

    /// <summary>The server stamps <c>created</c> as 100-nanosecond ticks since the Unix epoch.</summary>
    private static DateTimeOffset Created(MapField<string, string> metadata) =>
        metadata.TryGetValue("created", out var ticks) && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? DateTimeOffset.UnixEpoch.AddTicks(value)
            : DateTimeOffset.UnixEpoch;
}
