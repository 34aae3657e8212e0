using Orders.Decider;
using Orders.Decider.Serialization;
using Orders.EventStore;

namespace Orders.Projections;

/// <summary>An event of an order's stream, decoded once and handed to every projection.</summary>
public sealed record ProjectedEvent(Guid OrderId, RecordedEvent Recorded, OrderEvent Event)
{
    /// <summary>The stream version the event gives the order.</summary>
    public long Version => Recorded.StreamVersion;

    /// <summary>When the log recorded the event; documents take their createdAt and updatedAt from it.</summary>
    public DateTimeOffset Created => Recorded.Created;

    /// <summary>
    /// Null for an event that is not an order's (another stream or an unknown type: other writers may share the
    /// log); throws <see cref="EventDecodingException"/> when an order event's data cannot be read.
    /// </summary>
    public static ProjectedEvent? Decode(RecordedEvent recorded) =>
        OrderStream.TryParse(recorded.StreamId, out var orderId)
        && OrderEventCodec.Decode(recorded.Type, recorded.Data.Span) is { } @event
            ? new ProjectedEvent(orderId, recorded, @event)
            : null;
}
