using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Orders.EventStore;

namespace Orders.EventStore.Sqlite;

/// <summary>
/// The log's only writer: a loop that takes every append waiting in its queue, checks each against its stream as
/// the transaction sees it, writes the accepted ones and commits once, so concurrent callers share one fsync.
/// Each caller gets its own result; one caller's conflict does not fail the others.
/// </summary>
internal sealed class SqliteAppendWriter : IAsyncDisposable
{
    // Bounds the work one commit carries, so a burst does not hold the first callers back for long.
    private const int MaxAppendsPerTransaction = 512;

    private readonly Channel<PendingAppend> _queue =
        Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _clock;
    private readonly Action _committed;
    private readonly Task _loop;
    private long _transactionsCommitted;

    public SqliteAppendWriter(SqliteConnection connection, TimeProvider clock, Action committed)
    {
        _connection = connection;
        _clock = clock;
        _committed = committed;
        // SQLite calls block; the loop gets a thread of its own instead of holding a pool thread through each fsync.
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Transactions that wrote events; fewer than the appends they carried when callers run concurrently.</summary>
    public long TransactionsCommitted => Interlocked.Read(ref _transactionsCommitted);

    /// <summary>
    /// Queues the append. Cancelling before the writer takes it skips it; once taken it may be committed, and a retry
    /// with the same event ids is then answered as a repeat.
    /// </summary>
    public Task<AppendResult> EnqueueAsync(PendingAppend append)
    {
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(append), typeof(SqliteEventStore));
        return append.Completion.Task.WaitAsync(append.Cancellation);
    }

    /// <summary>Stops taking appends, commits those already queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private void Run()
    {
        using (_connection)
        {
            var batch = new List<PendingAppend>(MaxAppendsPerTransaction);
            while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (batch.Count < MaxAppendsPerTransaction && _queue.Reader.TryRead(out var append)) batch.Add(append);
                CommitBatch(batch);
                batch.Clear();
            }
        }
    }

    private void CommitBatch(List<PendingAppend> batch)
    {
        var outcomes = new List<(PendingAppend Append, AppendResult? Result, Exception? Error)>(batch.Count);
        var wroteEvents = false;
        try
        {
            using var transaction = _connection.BeginTransaction();
            using var statements = new AppendStatements(_connection, transaction);
            var created = SqliteEventSchema.FormatCreated(_clock.GetUtcNow());
            foreach (var append in batch)
            {
                if (append.Cancellation.IsCancellationRequested)
                {
                    append.Completion.TrySetCanceled(append.Cancellation);
                    continue;
                }

                try
                {
                    var (result, wrote) = Append(statements, append, created);
                    outcomes.Add((append, result, null));
                    wroteEvents |= wrote;
                }
                catch (Exception error) when (error is SqliteException or InvalidOperationException)
                {
                    outcomes.Add((append, null, error));
                }
            }

            transaction.Commit();
        }
        catch (Exception error)
        {
            // Nothing of this batch is durable: every caller in it learns so.
            foreach (var append in batch) append.Completion.TrySetException(error);
            return;
        }

        if (wroteEvents)
        {
            Interlocked.Increment(ref _transactionsCommitted);
            _committed();
        }

        foreach (var (append, result, error) in outcomes)
        {
            if (error is null) append.Completion.TrySetResult(result!);
            else append.Completion.TrySetException(error);
        }
    }

    private static (AppendResult Result, bool Wrote) Append(AppendStatements sql, PendingAppend append, string created)
    {
        var actual = sql.CurrentVersion(append.StreamId);
        var places = append.Events.Select(e => sql.Find(e.EventId)).ToList();
        if (places.Exists(place => place is not null)) return (Repeat(append, actual, places), false);
        if (append.Expected != ExpectedVersion.Any && append.Expected.Value != actual)
            return (new AppendResult.WrongExpectedVersion(actual), false);
        return (sql.Insert(append, actual + 1, created), true);
    }

    /// <summary>
    /// Some event ids of the append are already recorded. Only the same batch at the places this append would have
    /// put it (right after the expected version; anywhere consecutive for <see cref="ExpectedVersion.Any"/>) is a
    /// repeat, answered with the original result. A partial overlap, or the ids at other versions, means the stream
    /// is not where the caller believes: a conflict. An id recorded in another stream is a caller's bug.
    /// </summary>
    private static AppendResult Repeat(PendingAppend append, long actual, List<RecordedPlace?> places)
    {
        var elsewhere = places.FindIndex(place => place is not null && place.StreamId != append.StreamId);
        if (elsewhere >= 0)
        {
            throw new InvalidOperationException(
                $"Event {append.Events[elsewhere].EventId} is already recorded in stream '{places[elsewhere]!.StreamId}'; "
                + $"it cannot also be appended to '{append.StreamId}'.");
        }

        var first = append.Expected == ExpectedVersion.Any ? places[0]?.Version : append.Expected.Value + 1;
        var samePlaces = first is { } start && places.Select((place, i) => place?.Version == start + i).All(same => same);
        if (!samePlaces) return new AppendResult.WrongExpectedVersion(actual);

        var last = places[^1]!;
        return new AppendResult.Appended(last.Version, LogPosition.Of((ulong)last.Position));
    }
}
