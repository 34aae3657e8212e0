namespace Orders.EventStore.EventStoreDb;

/// <summary>
/// A persistent subscription group on $all, filtered to streams starting with <see cref="StreamPrefix"/>. The
/// group starts at the beginning of the log; events of one stream go to one consumer (<c>Pinned</c>), so they
/// are applied in order.
/// </summary>
internal sealed record PersistentSubscriptionOptions(string Group, string StreamPrefix)
{
    /// <summary>Failed deliveries retried before the event is parked.</summary>
    public int MaxRetryCount { get; init; } = 10;

    /// <summary>Events in flight to this consumer before it must ack some.</summary>
    public int BufferSize { get; init; } = 32;

    public TimeSpan MessageTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan CheckpointAfter { get; init; } = TimeSpan.FromSeconds(2);
}
