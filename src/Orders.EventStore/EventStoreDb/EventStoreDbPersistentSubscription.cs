using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orders.EventStore;
using Orders.EventStore.EventStoreDb.Protocol.PersistentSubscriptions;

namespace Orders.EventStore.EventStoreDb;

/// <summary>
/// The other way to feed a projection: a persistent subscription group on the server keeps the checkpoint and
/// the retry/park bookkeeping. Each event is acked only after it was applied; a failed apply is nacked for a
/// retry, and parked once its retries are used up, so later events go on.
/// </summary>
internal sealed class EventStoreDbPersistentSubscription(
    EventStoreDbClient client, PersistentSubscriptionOptions options, ILogger<EventStoreDbPersistentSubscription>? logger = null)
{
    private readonly ILogger logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Applies events with <paramref name="apply"/> until cancelled, reconnecting while the node is away.</summary>
    public async Task RunAsync(Func<RecordedEvent, CancellationToken, Task> apply, CancellationToken ct)
    {
        var failedAttempts = 0;
        while (true)
        {
            try
            {
                await client.EnsurePersistentSubscriptionAsync(options, ct);
                await DeliverAsync(apply, () => failedAttempts = 0, ct);
            }
            catch (EventStoreDbException error) when (error.Failure.IsTransient
                                                      || error.Failure is EventStoreDbFailure.PersistentSubscriptionDropped
                                                          or EventStoreDbFailure.PersistentSubscriptionNotFound)
            {
                logger.LogWarning(error, "Persistent subscription {Group} interrupted", options.Group);
            }
            catch (EventStoreUnavailableException error) when (!error.CredentialsRefused)
            {
                logger.LogWarning(error, "Persistent subscription {Group} could not start", options.Group);
            }

            failedAttempts++;
            await Task.Delay(client.Retry.Pause(failedAttempts), ct);
        }
    }

    private async Task DeliverAsync(Func<RecordedEvent, CancellationToken, Task> apply, Action delivered, CancellationToken ct)
    {
        var (node, call) = await client.ReadPersistentSubscriptionAsync(options, ct);
        using var _ = call;
        while (await client.NextAsync(node, call.ResponseStream, ct))
        {
            var response = call.ResponseStream.Current;
            if (response.ContentCase != ReadResp.ContentOneofCase.Event)
                continue;

            delivered();
            var recorded = response.Event.Event;
            var retryCount = response.Event.CountCase == ReadResp.Types.ReadEvent.CountOneofCase.RetryCount ? response.Event.RetryCount : 0;
            var failure = EventStoreDbResponses.IsSystemEvent(recorded.Metadata)
                ? null
                : await ApplyAsync(apply, EventStoreDbResponses.ToRecordedEvent(recorded), ct);
            await client.WriteAsync(
                node, call.RequestStream, EventStoreDbPersistentRequests.Answer(recorded.Id, retryCount, failure, options), ct);
        }
    }

    private async Task<Exception?> ApplyAsync(Func<RecordedEvent, CancellationToken, Task> apply, RecordedEvent e, CancellationToken ct)
    {
        try
        {
            await apply(e, ct);
            return null;
        }
        catch (Exception error) when (error is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(error, "Applying {Type} at {Stream}@{Version} failed", e.Type, e.StreamId, e.StreamVersion);
            return error;
        }
    }
}
