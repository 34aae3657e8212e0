using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orders.EventStore;

namespace Orders.EventStore.EventStoreDb;

/// <summary>
/// The event-store port on EventStoreDB: order streams are EventStoreDB streams written in the original
/// service's format (its event types, <c>application/json</c>, metadata bytes as given), and the projections read
/// $all filtered by stream prefix on the server.
/// </summary>
internal sealed class EventStoreDbEventStore(EventStoreDbClient client, ILogger<EventStoreDbEventStore>? logger = null) : IEventStore
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public Task<AppendResult> AppendAsync(
        string streamId, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default) =>
        client.AppendAsync(streamId, ExpectedRevision.From(expected), events, ct);

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, CancellationToken ct = default) =>
        client.ReadStreamAsync(streamId, ct);

    public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(
        LogPosition? after, int maxCount, string streamPrefix, CancellationToken ct = default) =>
        client.ReadAllAsync(after, maxCount, streamPrefix, ct);

    /// <summary>
    /// Keeps one subscription open; when the node goes away it resubscribes after the last event delivered, so
    /// nothing is skipped and nothing is delivered twice.
    /// </summary>
    public async IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(
        LogPosition? after, string streamPrefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var last = after;
        var failedAttempts = 0;
        while (true)
        {
            await using (var events = client.SubscribeToAllAsync(last, streamPrefix, ct).GetAsyncEnumerator(ct))
            {
                while (await NextOrDroppedAsync(events))
                {
                    failedAttempts = 0;
                    last = events.Current.Position;
                    yield return events.Current;
                }
            }

            failedAttempts++;
            var pause = client.Retry.Pause(failedAttempts);
            _logger.LogInformation("Resubscribing to $all after {Position} in {Pause}", last?.ToString() ?? "the start", pause);
            await Task.Delay(pause, ct);
        }
    }

    /// <summary>False when the subscription ended or the node became unavailable; other failures propagate.</summary>
    private async Task<bool> NextOrDroppedAsync(IAsyncEnumerator<RecordedEvent> events)
    {
        try
        {
            return await events.MoveNextAsync();
        }
        catch (EventStoreDbException error) when (error.Failure.IsTransient)
        {
            _logger.LogWarning(error, "EventStoreDB subscription interrupted");
            return false;
        }
    }
}
