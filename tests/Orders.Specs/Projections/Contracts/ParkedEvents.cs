using System.Text;
using Orders.EventStore;
using Orders.Projections;

namespace Orders.Specs.Projections.Contracts;

/// <summary>Parked events for the store contracts, with every field set, and a way to compare them whole.</summary>
static class ParkedEvents
{
    static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// An event of <paramref name="stream"/> at <paramref name="version"/>, parked with its error
    /// (<paramref name="heldBehind"/> null) or held behind its stream's parked event; a sub-millisecond, non-UTC time
    /// and metadata bytes that are not UTF-8.
    /// </summary>
    public static ParkedEvent Parked(string follower, string stream, long version, ulong position, long? heldBehind, int attempts) =>
        new(
            follower,
            new RecordedEvent(
                stream,
                version,
                new LogPosition(position, position - 1),
                Guid.NewGuid(),
                "V1_ORDER_PAID",
                Encoding.UTF8.GetBytes("""{"paymentID":"p","timestamp":42}"""),
                new byte[] { 0x7b, 0x00, 0xff, 0x7d },
                Monday.AddTicks(1_234_567).ToOffset(TimeSpan.FromHours(2))),
            heldBehind is null ? "The event data cannot be read." : $"Held behind the parked event at version {heldBehind}.",
            attempts,
            Monday.AddMinutes(5).AddTicks(89),
            heldBehind);

    /// <summary>Every field of a parked event, the byte payloads included (records compare them by reference).</summary>
    public static string Describe(ParkedEvent p) =>
        $"{p.Projection} {p.Event.StreamId}@{p.Event.StreamVersion} {p.Event.Position} {p.Event.EventId} {p.Event.Type} " +
        $"{Convert.ToHexString(p.Event.Data.Span)} {Convert.ToHexString(p.Event.Metadata.Span)} {p.Event.Created:O} " +
        $"{p.Error} {p.Attempts} {p.ParkedAt:O} {p.HeldBehind}";
}
