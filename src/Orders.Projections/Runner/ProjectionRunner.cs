using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orders.Decider;
using Orders.EventStore;
using Orders.EventStore.Resilience;

namespace Orders.Projections.Runner;

/// <summary>
/// Keeps the read models up with the log: one subscription to the order streams, from the lowest checkpoint,
/// grouped into batches that the read models apply side by side (each skips what its own checkpoint already holds).
/// When a store fails, the runner backs off and starts over from the stored checkpoints. Replays, skips and
/// rebuilds take turns with the batches, so a read model has one writer. When instances share the read models
/// (<see cref="ProjectionRunnerMode.Lease"/>), each applies only the projections whose lease it holds, and starts
/// over from the stored checkpoints whenever that changes.
/// </summary>
public sealed class ProjectionRunner(
    IEventStore eventStore,
    IEnumerable<IReadModel> readModels,
    ProjectionRunnerOptions options,
    TimeProvider time,
    ILogger<ProjectionRunner> logger) : BackgroundService
{
    readonly IReadOnlyList<IReadModel> _models = readModels.ToList();
    readonly SemaphoreSlim _turn = new(1, 1);
    readonly Rebuilds _rebuilds = new(time);
    readonly ProjectionLeases? _leases = options.Runner == ProjectionRunnerMode.Lease
        ? new ProjectionLeases(options, time, logger)
        : null;
    TaskCompletionSource _leasesChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    CancellationTokenSource? _subscription;
    SeenEvent? _lastSeen;
    string? _lastError;

    public IReadOnlyList<string> Projections => _models.Select(m => m.Name).ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var keeping = _leases is null ? Task.CompletedTask : KeepLeasesAsync(_leases, stoppingToken);
        var restarts = Backoff.Forever(options.RetryDelay, options.MaxRestartDelay, time, (ex, delay) =>
        {
            _lastError = ex.Message;
            logger.LogError(ex, "Projections failed; starting over from their checkpoints in {Delay}", delay);
        });
        try
        {
            await restarts.ExecuteAsync(FollowTheLogUntilStoppedAsync, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        await keeping;
        if (_leases is not null)
        {
            // After the last batch, so that another instance takes over at once rather than when the leases expire.
            using var giveUp = new CancellationTokenSource(_leases.RenewEvery);
            try
            {
                await _leases.ReleaseAsync(_models, giveUp.Token);
            }
            catch (OperationCanceledException) when (giveUp.IsCancellationRequested)
            {
                logger.LogWarning("The leases could not be given up in time; they expire by themselves");
            }
        }
    }

    async Task KeepLeasesAsync(ProjectionLeases keeper, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await keeper.RenewAsync(_models, stoppingToken))
                {
                    _leasesChanged.TrySetResult();
                    if (_subscription is { } current)
                        await current.CancelAsync();
                }
                await Task.Delay(keeper.NextRenewal, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Follows the log; a replay, skip or rebuild cancels the subscription, and so does a lease taken or lost, and it
    /// starts over at once.
    /// </summary>
    async ValueTask FollowTheLogUntilStoppedAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using var current = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _subscription = current;
            try
            {
                await FollowTheLogAsync(current.Token);
            }
            catch (OperationCanceledException) when (current.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                logger.LogInformation("Projections start over from their checkpoints");
            }
        }
        stoppingToken.ThrowIfCancellationRequested();
    }

    async Task FollowTheLogAsync(CancellationToken ct)
    {
        var changed = _leasesChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var model in _models)
            model.AppliedHere = _leases?.Holds(model.Name) ?? true;
        var mine = _models.Where(m => m.AppliedHere).ToList();
        if (mine.Count == 0)
        {
            // Another instance applies every projection; this one waits for a lease to come its way.
            _lastError = null;
            await changed.Task.WaitAsync(ct);
            return;
        }

        await InTurnAsync(async () =>
        {
            foreach (var model in mine)
                await model.LoadAsync(ct);
        }, ct);
        var from = mine.Any(m => m.Checkpoint is null) ? (LogPosition?)null : mine.Min(m => m.Checkpoint!.Value);

        var events = eventStore.SubscribeToAllAsync(from, OrderStream.Prefix, ct);
        var decoded = EventBatches.Read(
            events, recorded => (recorded, BatchEvent.Of(recorded)), options.BatchSize, options.BatchWindow, time, ct);
        await foreach (var read in decoded)
        {
            // A lease that lapsed (its renewals failed) stops the work here, before another instance can take it.
            if (_leases is not null && mine.Any(m => !_leases.Holds(m.Name)))
                return;
            var batch = new EventBatch(read.Select(e => e.Item2).OfType<BatchEvent>().ToList(), read[^1].recorded.Position);
            using var spans = ProjectionTracing.ApplySpans(read.Select(e => e.recorded));
            await InTurnAsync(async () =>
            {
                // A rebuild may have reset a read model while this batch was read: it must start over instead.
                ct.ThrowIfCancellationRequested();
                await Task.WhenAll(mine.Select(model => Task.Run(() => model.ApplyAsync(batch, ct), ct)));
            }, ct);
            foreach (var model in mine)
                _rebuilds.Reached(model.Name, model.Checkpoint);
            var last = read[^1].recorded;
            _lastSeen = new SeenEvent(last.Position, last.StreamId, last.StreamVersion, last.Created);
            _lastError = null;
        }
    }

    /// <summary>Completes with true once every read model reflects at least <paramref name="version"/> of the order; false after the timeout.</summary>
    public async Task<bool> WaitForVersionAsync(Guid orderId, long version, TimeSpan timeout, CancellationToken ct = default)
    {
        var reached = await Task.WhenAll(_models.Select(m => m.WaitForVersionAsync(orderId, version, timeout, ct)));
        return reached.All(r => r);
    }

    /// <summary>Parked events of one projection, or of all when <paramref name="projection"/> is null, in log order.</summary>
    public async Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? projection = null, CancellationToken ct = default)
    {
        var parked = new List<ParkedEvent>();
        foreach (var model in _models.Where(m => projection is null || m.Name == projection))
            parked.AddRange(await model.ListParkedAsync(ct));
        return parked.OrderBy(p => p.Event.Position).ToList();
    }

    /// <summary>Applies a stream's parked events again; on success the events held behind them follow.</summary>
    public Task<ReleaseOutcome> ReplayAsync(string projection, string streamId, CancellationToken ct = default) =>
        InTurnAsync(() => Model(projection).ReleaseAsync(streamId, skipVersion: null, ct), ct);

    /// <summary>Drops one parked event for good; the events held behind it are then applied.</summary>
    public Task<ReleaseOutcome> SkipAsync(string projection, string streamId, long version, CancellationToken ct = default) =>
        InTurnAsync(() => Model(projection).ReleaseAsync(streamId, version, ct), ct);

    /// <summary>
    /// Forgets what a projection holds and replays the log into it from the start; the status follows its progress
    /// towards where the log ended when it began.
    /// </summary>
    public Task RebuildAsync(string projection, CancellationToken ct = default) =>
        InTurnAsync(async () =>
        {
            var model = Model(projection);
            var known = _models.Select(m => m.Checkpoint).Append(_lastSeen?.Position).Max();
            var ahead = await eventStore.ReadAllAsync(known, options.LagCountLimit, OrderStream.Prefix, ct);
            await model.ResetAsync(ct);
            _rebuilds.Started(projection, ahead.Count > 0 ? ahead[^1].Position : known);
            logger.LogInformation("{Projection} rebuilds from the start of the log", projection);
            if (_subscription is { } current)
                await current.CancelAsync();
        }, ct);

    public async Task<ProjectionRunnerStatus> GetStatusAsync(CancellationToken ct = default)
    {
        var statuses = new List<ProjectionStatus>();
        foreach (var model in _models)
        {
            var here = AppliesHere(model.Name);
            var checkpoint = here ? model.Checkpoint : await model.ReadStoredCheckpointAsync(ct);
            var behind = await eventStore.ReadAllAsync(checkpoint, options.LagCountLimit, OrderStream.Prefix, ct);
            var timeBehind = behind.Count == 0 ? TimeSpan.Zero : time.GetUtcNow() - behind[0].Created;
            statuses.Add(new ProjectionStatus(
                model.Name,
                checkpoint,
                behind.Count,
                behind.Count >= options.LagCountLimit,
                timeBehind < TimeSpan.Zero ? TimeSpan.Zero : timeBehind,
                (await model.ListParkedAsync(ct)).Count,
                _rebuilds.Reached(model.Name, checkpoint),
                here,
                _leases is null ? null : await model.ReadLeaseAsync(ct)));
        }
        return new ProjectionRunnerStatus(statuses, _lastSeen, _lastError, options.InstanceId, options.Runner.ToString());
    }

    /// <summary>Whether this instance applies the projection now: always, unless instances share the read models and another holds its lease.</summary>
    public bool AppliesHere(string projection) => _leases?.Holds(projection) ?? true;

    public override void Dispose()
    {
        _turn.Dispose();
        base.Dispose();
    }

    IReadModel Model(string projection)
    {
        var model = _models.FirstOrDefault(m => m.Name == projection)
            ?? throw new KeyNotFoundException($"There is no projection named '{projection}'.");
        // Another instance writes this read model: a replay, skip or rebuild from here would race with it.
        return AppliesHere(projection)
            ? model
            : throw new ProjectionAppliedElsewhereException(projection, options.InstanceId);
    }

    async Task InTurnAsync(Func<Task> work, CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        try
        {
            await work();
        }
        finally
        {
            _turn.Release();
        }
    }

    async Task<T> InTurnAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        try
        {
            return await work();
        }
        finally
        {
            _turn.Release();
        }
    }
}
