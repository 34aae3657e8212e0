using Microsoft.Extensions.Logging;
using Orders.Decider;
using Orders.EventStore;
using Orders.EventStore.Resilience;

namespace Orders.Projections.Runner;

/// <summary>
/// Applies batches of events to one projection's store: every event of an order in the batch is folded onto its
/// document in order and the document is written once, with the checkpoint, in one commit. An event that keeps
/// throwing is parked and the later events of its stream are held behind it, while other streams go on.
/// </summary>
public sealed class ReadModel<TDocument>(
    IProjection<TDocument> projection,
    IProjectionStore<TDocument> store,
    ProjectionRunnerOptions options,
    TimeProvider time,
    ILogger<ReadModel<TDocument>> logger) : IReadModel
    where TDocument : class, IVersionedDocument
{
    /// <summary>How soon a read-your-writes wait first reads the store again when another instance applies the projection.</summary>
    static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest pause between those reads.</summary>
    static readonly TimeSpan LastPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>Between reads of the store while this instance applies the projection itself, and its commits wake the wait.</summary>
    static readonly TimeSpan LocalPoll = TimeSpan.FromMilliseconds(250);

    readonly VersionWaiters _waiters = new();
    readonly DocumentCache<TDocument> _cache = new(options.DocumentCacheSize);
    readonly Polly.ResiliencePipeline _tries = Backoff.Attempts(options.MaxAttempts, options.RetryDelay, time);

    /// <summary>Stream → the version of its parked event that the stream's later events wait behind.</summary>
    readonly Dictionary<string, long> _blocked = new(StringComparer.Ordinal);

    public string Name => projection.Name;

    public LogPosition? Checkpoint { get; private set; }

    public async Task LoadAsync(CancellationToken ct)
    {
        Checkpoint = await store.ReadCheckpointAsync(ct);
        _cache.Clear();
        _blocked.Clear();
        foreach (var parked in await store.ListParkedAsync(ct))
            if (!_blocked.TryGetValue(parked.Event.StreamId, out var first) || parked.Event.StreamVersion < first)
                _blocked[parked.Event.StreamId] = parked.Event.StreamVersion;
    }

    public async Task ApplyAsync(EventBatch batch, CancellationToken ct)
    {
        if (Checkpoint is { } checkpoint && batch.End <= checkpoint)
            return;
        var streams = batch.Events
            .Where(e => Checkpoint is not { } after || e.Recorded.Position > after)
            .GroupBy(e => e.Recorded.StreamId, StringComparer.Ordinal)
            .ToList();
        var documents = await LoadAsync(streams.Where(s => !_blocked.ContainsKey(s.Key)).Select(s => OrderIdOf(s.Key)), ct);

        var changed = new List<TDocument>();
        var parked = new List<ParkedEvent>();
        var newlyBlocked = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var stream in streams)
        {
            if (_blocked.TryGetValue(stream.Key, out var behind))
            {
                parked.AddRange(stream.Select(e => Held(e.Recorded, behind)));
                continue;
            }
            var before = documents.GetValueOrDefault(OrderIdOf(stream.Key));
            var (after, stuck) = await FoldAsync(before, stream.Select(e => (e.Recorded, e.Decoded, e.DecodeError)).ToList(), ct);
            if (after is not null && !ReferenceEquals(after, before))
                changed.Add(after);
            if (stuck.Count > 0)
            {
                parked.AddRange(stuck);
                newlyBlocked[stream.Key] = stuck[0].Event.StreamVersion;
            }
        }

        await store.CommitAsync(new ProjectionCommit<TDocument>(changed, parked, [], batch.End), ct);
        Checkpoint = batch.End;
        foreach (var (stream, version) in newlyBlocked)
            _blocked[stream] = version;
        _cache.Fit(catchingUp: changed.Count >= ProjectionRunnerOptions.CatchUpDocuments);
        Committed(changed);
    }

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(CancellationToken ct) => store.ListParkedAsync(ct);

    public async Task<ReleaseOutcome> ReleaseAsync(string streamId, long? skipVersion, CancellationToken ct)
    {
        var parked = (await store.ListParkedAsync(ct))
            .Where(p => p.Event.StreamId == streamId)
            .OrderBy(p => p.Event.StreamVersion)
            .ToList();
        var skipped = parked.Where(p => p.Event.StreamVersion == skipVersion).ToList();
        var retried = parked.Except(skipped).ToList();
        if (parked.Count == 0 || !OrderStream.TryParse(streamId, out var orderId))
            return new ReleaseOutcome(0, null);

        var before = (await LoadAsync([orderId], ct)).GetValueOrDefault(orderId);
        var (after, stuck) = await FoldAsync(before, retried.Select(p => (p.Event, (ProjectedEvent?)null, (Exception?)null)).ToList(), ct, retried);
        var released = skipped.Concat(retried.Where(p => !stuck.Any(s => s.Event.StreamVersion == p.Event.StreamVersion))).ToList();
        var changed = after is not null && !ReferenceEquals(after, before) ? new[] { after } : [];

        await store.CommitAsync(new ProjectionCommit<TDocument>(changed, stuck, released, Checkpoint: null), ct);
        if (stuck.Count == 0)
            _blocked.Remove(streamId);
        else
            _blocked[streamId] = stuck[0].Event.StreamVersion;
        Committed(changed);
        logger.LogInformation("{Projection}: released {Released} parked events of {Stream}; {Parked} still parked",
            Name, released.Count, streamId, stuck.Count);
        return new ReleaseOutcome(released.Count, stuck.FirstOrDefault());
    }

    public async Task ResetAsync(CancellationToken ct)
    {
        await store.ResetAsync(ct);
        _cache.Clear();
        Checkpoint = null;
        _blocked.Clear();
    }

    public bool AppliedHere { get; set; } = true;

    public async Task<bool> WaitForVersionAsync(Guid orderId, long version, TimeSpan timeout, CancellationToken ct)
    {
        // Registered before the version is read, so that a commit in between still wakes this reader.
        var waiter = _waiters.Add(orderId, version);
        try
        {
            var deadline = time.GetUtcNow() + timeout;
            var pause = FirstPoll;
            while (!(await store.ReadVersionAsync(orderId, ct) >= version))
            {
                var left = deadline - time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                    return false;
                // A commit here wakes the waiter at once; one by another instance is seen by reading the store again,
                // soon at first and then less often. Here, too, now and then: this instance may have lost the lease.
                var wait = AppliedHere ? LocalPoll : pause;
                if (await WokenAsync(waiter, wait < left ? wait : left, ct))
                    return true;
                pause = pause * 2 < LastPoll ? pause * 2 : LastPoll;
            }
            return true;
        }
        finally
        {
            _waiters.Remove(waiter);
        }
    }

    public Task<LogPosition?> ReadStoredCheckpointAsync(CancellationToken ct) => store.ReadCheckpointAsync(ct);

    public Task<ProjectionLease?> TakeLeaseAsync(string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken ct) =>
        store.TakeLeaseAsync(holder, now, until, ct);

    public Task ReleaseLeaseAsync(string holder, CancellationToken ct) => store.ReleaseLeaseAsync(holder, ct);

    public Task<ProjectionLease?> ReadLeaseAsync(CancellationToken ct) => store.ReadLeaseAsync(ct);

    /// <summary>True when a commit here woke the waiter within <paramref name="wait"/>.</summary>
    async Task<bool> WokenAsync(VersionWaiters.Waiter waiter, TimeSpan wait, CancellationToken ct)
    {
        try
        {
            await waiter.Reached.Task.WaitAsync(wait, time, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Folds one stream's events onto its document in one go; when that throws, event by event, trying each up to
    /// the configured number of times. The first
    /// that still throws is parked with its error and the rest are held behind it. <paramref name="previouslyParked"/>
    /// carries the attempts of events that were parked before, when replaying them.
    /// </summary>
    async Task<(TDocument? Document, List<ParkedEvent> Stuck)> FoldAsync(
        TDocument? document,
        IReadOnlyList<(RecordedEvent Recorded, ProjectedEvent? Decoded, Exception? DecodeError)> events,
        CancellationToken ct,
        List<ParkedEvent>? previouslyParked = null)
    {
        if (events.All(e => e.Decoded is not null))
        {
            try
            {
                return (projection.Fold(events.Select(e => e.Decoded!), document), []);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Event by event below, to find the one that throws.
            }
        }
        for (var i = 0; i < events.Count; i++)
        {
            var (recorded, decoded, decodeError) = events[i];
            var (next, error) = await ApplyWithRetriesAsync(document, recorded, decoded, decodeError, ct);
            if (error is null)
            {
                document = next;
                continue;
            }
            var attempts = options.MaxAttempts + (previouslyParked?[i].Attempts ?? 0);
            logger.LogWarning(error, "{Projection}: parked {Stream}@{Version} after {Attempts} attempts",
                Name, recorded.StreamId, recorded.StreamVersion, attempts);
            var stuck = new List<ParkedEvent> { new(Name, recorded, error.ToString(), attempts, time.GetUtcNow(), HeldBehind: null) };
            stuck.AddRange(events.Skip(i + 1).Select(e => Held(e.Recorded, recorded.StreamVersion)));
            return (document, stuck);
        }
        return (document, []);
    }

    async Task<(TDocument? Document, Exception? Error)> ApplyWithRetriesAsync(
        TDocument? document, RecordedEvent recorded, ProjectedEvent? decoded, Exception? decodeError, CancellationToken ct)
    {
        try
        {
            var next = await _tries.ExecuteAsync(_ =>
            {
                // A later try decodes again rather than repeat the first one's outcome.
                var (first, firstError) = (decoded, decodeError);
                (decoded, decodeError) = (null, null);
                if (firstError is not null)
                    throw firstError;
                var @event = first ?? ProjectedEvent.Decode(recorded);
                return ValueTask.FromResult(@event is null ? document : projection.Apply(document, @event));
            }, ct);
            return (next, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (document, ex);
        }
    }

    ParkedEvent Held(RecordedEvent recorded, long behindVersion) =>
        new(Name, recorded, $"Held behind the parked event at version {behindVersion} of its stream.", 0, time.GetUtcNow(), behindVersion);

    async Task<Dictionary<Guid, TDocument>> LoadAsync(IEnumerable<Guid> orderIds, CancellationToken ct)
    {
        var documents = new Dictionary<Guid, TDocument>();
        var missing = new List<Guid>();
        foreach (var orderId in orderIds)
        {
            if (_cache.TryGet(orderId, out var cached))
                documents[orderId] = cached;
            else
                missing.Add(orderId);
        }
        if (missing.Count > 0)
            foreach (var (orderId, stored) in await store.LoadAsync(missing, ct))
                documents[orderId] = stored;
        return documents;
    }

    void Committed(IEnumerable<TDocument> documents)
    {
        foreach (var document in documents)
        {
            _cache.Put(document);
            _waiters.Reached(document.OrderId, document.Version);
        }
    }

    static Guid OrderIdOf(string streamId) =>
        OrderStream.TryParse(streamId, out var orderId)
            ? orderId
            : throw new ArgumentException($"'{streamId}' is not an order stream.", nameof(streamId));
}

