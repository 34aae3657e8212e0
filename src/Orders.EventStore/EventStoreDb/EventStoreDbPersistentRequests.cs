using Orders.EventStore.EventStoreDb.Protocol;
using Orders.EventStore.EventStoreDb.Protocol.PersistentSubscriptions;

namespace Orders.EventStore.EventStoreDb;

/// <summary>The persistent-subscriptions messages the adapter sends.</summary>
internal static class EventStoreDbPersistentRequests
{
    public const string PinnedStrategy = "Pinned";

    public static CreateReq CreateOnAll(PersistentSubscriptionOptions options) => new()
    {
        Options = new CreateReq.Types.Options
        {
            All = new CreateReq.Types.AllOptions
            {
                Start = new Empty(),
                Filter = new CreateReq.Types.AllOptions.Types.FilterOptions
                {
                    StreamIdentifier = new CreateReq.Types.AllOptions.Types.FilterOptions.Types.Expression
                    {
                        Prefix = { options.StreamPrefix },
                    },
                    Max = EventStoreDbRequests.SubscriptionCheckpointWindow,
                    CheckpointIntervalMultiplier = 1,
                },
            },
            GroupName = options.Group,
            Settings = new CreateReq.Types.Settings
            {
                ResolveLinks = false,
                MaxRetryCount = options.MaxRetryCount,
                // The server's own defaults for the buffers and checkpoint bounds.
                MinCheckpointCount = 10,
                MaxCheckpointCount = 1000,
                MaxSubscriberCount = 0,
                LiveBufferSize = 500,
                ReadBatchSize = 20,
                HistoryBufferSize = 500,
                NamedConsumerStrategy = CreateReq.Types.ConsumerStrategy.Pinned,
                ConsumerStrategy = PinnedStrategy,
                MessageTimeoutMs = (int)options.MessageTimeout.TotalMilliseconds,
                CheckpointAfterMs = (int)options.CheckpointAfter.TotalMilliseconds,
            },
        },
    };

    public static ReadReq ReadOnAll(PersistentSubscriptionOptions options) => new()
    {
        Options = new ReadReq.Types.Options
        {
            All = new Empty(),
            GroupName = options.Group,
            BufferSize = options.BufferSize,
            UuidOption = new ReadReq.Types.Options.Types.UUIDOption { String = new Empty() },
        },
    };

    public static ReadReq Ack(UUID eventId) => new() { Ack = new ReadReq.Types.Ack { Ids = { eventId } } };

    public static ReadReq Nack(UUID eventId, ReadReq.Types.Nack.Types.Action action, string reason) => new()
    {
        Nack = new ReadReq.Types.Nack { Ids = { eventId }, Action = action, Reason = reason },
    };

    /// <summary>
    /// What to answer for a delivered event: an ack once applied; after a failure a retry, or a park when the
    /// event has already been retried <see cref="PersistentSubscriptionOptions.MaxRetryCount"/> times.
    /// </summary>
    public static ReadReq Answer(UUID eventId, int retryCount, Exception? failure, PersistentSubscriptionOptions options) =>
        failure is null
            ? Ack(eventId)
            : Nack(
                eventId,
                retryCount >= options.MaxRetryCount ? ReadReq.Types.Nack.Types.Action.Park : ReadReq.Types.Nack.Types.Action.Retry,
                $"{failure.GetType().Name}: {failure.Message}");
}
