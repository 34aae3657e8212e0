using Orders.EventStore;

namespace Orders.Projections.Runner;

/// <summary>An order's event in a batch: decoded once for every read model, or the error decoding it gave.</summary>
public sealed record BatchEvent(RecordedEvent Recorded, ProjectedEvent? Decoded, Exception? DecodeError)
{
    /// <summary>Null for an event that no projection reads (not an order's).</summary>
    public static BatchEvent? Of(RecordedEvent recorded)
    {
        try
        {
            return ProjectedEvent.Decode(recorded) is { } decoded ? new BatchEvent(recorded, decoded, null) : null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new BatchEvent(recorded, null, ex);
        }
    }
}

/// <summary>Events read from the log, and the position of the last one read, order's or not.</summary>
public sealed record EventBatch(IReadOnlyList<BatchEvent> Events, LogPosition End);
