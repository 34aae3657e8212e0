using System.Runtime.CompilerServices;
using Orders.EventStore;

namespace Orders.Specs.Projections;

/// <summary>
/// The event log in memory, for the projection specs: positions are 1, 2, 3, … in append order. Besides the
/// port it can take events exactly as another writer recorded them (<see cref="Record"/>), timestamps included.
/// </summary>
sealed class InMemoryEventStore(TimeProvider? time = null) : IEventStore
{
    readonly TimeProvider _time = time ?? TimeProvider.System;
    readonly Lock _gate = new();
    readonly List<RecordedEvent> _log = [];
    readonly Dictionary<string, List<RecordedEvent>> _streams = new(StringComparer.Ordinal);
    TaskCompletionSource _appended = NewSignal();

    public int Count
    {
        get
        {
            lock (_gate)
                return _log.Count;
        }
    }

    public Task<AppendResult> AppendAsync(
        string streamId, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var stream = _streams.GetValueOrDefault(streamId) ?? [];
            var actual = stream.Count - 1L;
            if (expected != ExpectedVersion.Any && expected.Value != actual)
                return Task.FromResult<AppendResult>(new AppendResult.WrongExpectedVersion(actual));
            foreach (var e in events)
                Add(streamId, e.Type, e.Data, e.Metadata, _time.GetUtcNow());
            return Task.FromResult<AppendResult>(new AppendResult.Appended(stream.Count + events.Count - 1, _log[^1].Position));
        }
    }

    /// <summary>Appends one event as a writer recorded it, at the end of its stream and of the log.</summary>
    public RecordedEvent Record(string streamId, string type, ReadOnlyMemory<byte> data, DateTimeOffset created)
    {
        lock (_gate)
            return Add(streamId, type, data, "{}"u8.ToArray(), created);
    }

    public void RecordAll(IEnumerable<RecordedEvent> events)
    {
        foreach (var e in events)
            Record(e.StreamId, e.Type, e.Data, e.Created);
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, CancellationToken ct = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<RecordedEvent>>(_streams.GetValueOrDefault(streamId)?.ToList() ?? []);
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(
        LogPosition? after, int maxCount, string streamPrefix, CancellationToken ct = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<RecordedEvent>>(Since(after, streamPrefix).Take(maxCount).ToList());
    }

    public async IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(
        LogPosition? after, string streamPrefix, [EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            List<RecordedEvent> next;
            Task more;
            lock (_gate)
            {
                next = Since(after, streamPrefix).Take(500).ToList();
                more = _appended.Task;
            }
            foreach (var e in next)
            {
                yield return e;
                after = e.Position;
            }
            if (next.Count == 0)
                await more.WaitAsync(ct);
        }
    }

    IEnumerable<RecordedEvent> Since(LogPosition? after, string streamPrefix)
    {
        var start = after is { } position ? (int)position.Commit : 0;
        return _log.Skip(start).Where(e => e.StreamId.StartsWith(streamPrefix, StringComparison.Ordinal));
    }

    RecordedEvent Add(string streamId, string type, ReadOnlyMemory<byte> data, ReadOnlyMemory<byte> metadata, DateTimeOffset created)
    {
        if (!_streams.TryGetValue(streamId, out var stream))
            _streams[streamId] = stream = [];
        var recorded = new RecordedEvent(
            streamId, stream.Count, LogPosition.Of((ulong)_log.Count + 1), Guid.NewGuid(), type, data, metadata, created);
        stream.Add(recorded);
        _log.Add(recorded);
        var signal = _appended;
        _appended = NewSignal();
        signal.TrySetResult();
        return recorded;
    }

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
