namespace Orders.EventStore.Sqlite;

/// <summary>
/// Wakes every waiter once per commit. A waiter takes <see cref="NextCommit"/> before it reads, so a commit that
/// lands between its read and its wait still wakes it.
/// </summary>
internal sealed class CommitSignal
{
    private TaskCompletionSource _next = NewSignal();

    public Task NextCommit => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
