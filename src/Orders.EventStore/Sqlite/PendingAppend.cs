using Orders.EventStore;

namespace Orders.EventStore.Sqlite;

/// <summary>An append waiting for the writer, and the caller's task that the writer completes after its commit.</summary>
internal sealed class PendingAppend(
    string streamId, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken cancellation)
{
    public string StreamId { get; } = streamId;
    public ExpectedVersion Expected { get; } = expected;
    public IReadOnlyList<EventData> Events { get; } = events;
    public CancellationToken Cancellation { get; } = cancellation;

    public TaskCompletionSource<AppendResult> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
