using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Orders.EventStore;

namespace Orders.EventStore.Sqlite;

/// <summary>
/// The embedded event log: one SQLite file, one writer that commits concurrent appends together, readers on their
/// own pooled connections beside it (WAL). Disposing commits the appends already queued.
/// </summary>
public sealed class SqliteEventStore : IEventStore, IAsyncDisposable
{
    private const int SubscriptionPageSize = 500;

    // Commits of this store wake subscribers at once; this only bounds how late an append made by another
    // process on the same file is seen.
    private static readonly TimeSpan OtherWritersPollInterval = TimeSpan.FromMilliseconds(500);

    private readonly string _readerConnectionString;
    private readonly CommitSignal _commits = new();
    private readonly SqliteAppendWriter _writer;
    private readonly CancellationTokenSource _disposing = new();
    private int _disposed;

    /// <summary>Opens the log at <paramref name="path"/>, creating its folder, file and table if missing.</summary>
    /// <param name="clock">Stamps each event's <see cref="RecordedEvent.Created"/> with the time it was stored.</param>
    public SqliteEventStore(string path, TimeProvider clock)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        _writer = new SqliteAppendWriter(SqliteEventSchema.OpenWriter(fullPath), clock, _commits.Pulse);
        _readerConnectionString = SqliteEventSchema.ConnectionString(fullPath, pooled: true);
    }

    /// <summary>Write transactions committed since this store opened; each is one fsync.</summary>
    public long TransactionsCommitted => _writer.TransactionsCommitted;

    /// <remarks>
    /// A batch needs at least one event and distinct event ids. Cancelling before the writer takes the append skips
    /// it; after that it may be committed, and a retry with the same ids is answered as a repeat.
    /// </remarks>
    public Task<AppendResult> AppendAsync(
        string streamId, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentOutOfRangeException.ThrowIfLessThan(expected.Value, ExpectedVersion.Any.Value, nameof(expected));
        if (events.Count == 0) throw new ArgumentException("An append needs at least one event.", nameof(events));
        if (events.DistinctBy(e => e.EventId).Count() != events.Count)
            throw new ArgumentException("The events of one append need distinct ids.", nameof(events));
        return _writer.EnqueueAsync(new PendingAppend(streamId, expected, events, ct));
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, CancellationToken ct = default) =>
        QueryAsync(
            $"SELECT {SqliteEventSchema.EventColumns} FROM events WHERE stream_id = $stream ORDER BY stream_version",
            parameters => parameters.AddWithValue("$stream", streamId),
            ct);

    public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(
        LogPosition? after, int maxCount, string streamPrefix, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentNullException.ThrowIfNull(streamPrefix);
        return QueryAsync(
            $"""
             SELECT {SqliteEventSchema.EventColumns} FROM events
             WHERE position > $after AND substr(stream_id, 1, length($prefix)) = $prefix
             ORDER BY position LIMIT $max
             """,
            parameters =>
            {
                parameters.AddWithValue("$after", after is { } position ? (long)position.Commit : 0L);
                parameters.AddWithValue("$prefix", streamPrefix);
                parameters.AddWithValue("$max", maxCount);
            },
            ct);
    }

    /// <remarks>
    /// Pages through the log until a page comes back short, then waits for the next commit. Positions are handed
    /// out inside the single writer's transaction, so a reader never sees a later position before an earlier one:
    /// nothing is skipped, and resuming strictly after the last delivered position delivers nothing twice.
    /// Ends with <see cref="OperationCanceledException"/> when cancelled or when the store is disposed.
    /// </remarks>
    public async IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(
        LogPosition? after, string streamPrefix, [EnumeratorCancellation] CancellationToken ct)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, _disposing.Token);
        var position = after;
        while (true)
        {
            var nextCommit = _commits.NextCommit;
            var page = await ReadAllAsync(position, SubscriptionPageSize, streamPrefix, stopping.Token).ConfigureAwait(false);
            foreach (var recorded in page)
            {
                position = recorded.Position;
                yield return recorded;
            }

            if (page.Count < SubscriptionPageSize) await WaitForCommitAsync(nextCommit, stopping.Token).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _disposing.CancelAsync().ConfigureAwait(false);
        _disposing.Dispose();
        using var pooled = new SqliteConnection(_readerConnectionString);
        SqliteConnection.ClearPool(pooled);
    }

    private static async Task WaitForCommitAsync(Task nextCommit, CancellationToken ct)
    {
        try
        {
            await nextCommit.WaitAsync(OtherWritersPollInterval, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Time to look for appends made by another process.
        }
    }

    private async Task<IReadOnlyList<RecordedEvent>> QueryAsync(
        string sql, Action<SqliteParameterCollection> bind, CancellationToken ct)
    {
        var connection = new SqliteConnection(_readerConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command.Parameters);
            var events = new List<RecordedEvent>();
            var rows = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (rows.ConfigureAwait(false))
            {
                while (await rows.ReadAsync(ct).ConfigureAwait(false)) events.Add(SqliteEventSchema.ReadEvent(rows));
            }

            return events;
        }
    }
}
