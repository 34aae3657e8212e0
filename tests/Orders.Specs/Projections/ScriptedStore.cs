using Orders.EventStore;
using Orders.Projections;

namespace Orders.Specs.Projections;

/// <summary>
/// A projection store that passes through to a real one, with faults scripted around its commits: a crash
/// before a commit (nothing written) or after it (written, but the runner never hears so), or the whole store out of
/// reach (<see cref="CutOff"/>), as from an instance that lost its network or hangs.
/// </summary>
sealed class ScriptedStore<TDocument>(IProjectionStore<TDocument> inner) : IProjectionStore<TDocument>
    where TDocument : class, IVersionedDocument
{
    int _commits;

    /// <summary>Commits, counted from 1, that throw without writing.</summary>
    public Func<int, bool> FailBefore { get; init; } = _ => false;

    /// <summary>Commits, counted from 1, that throw after writing.</summary>
    public Func<int, bool> FailAfter { get; init; } = _ => false;

    /// <summary>Commits, counted from 1, that wait for <see cref="Gate"/> to open before writing.</summary>
    public Func<int, bool> HoldBefore { get; set; } = _ => false;

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Commits => Volatile.Read(ref _commits);

    /// <summary>While set, every write and every lease request fails without reaching the store.</summary>
    public bool CutOff { get; set; }

    /// <summary>Told of every commit that reached the store, after it did.</summary>
    public Action<ProjectionCommit<TDocument>> Committed { get; init; } = _ => { };

    /// <summary>Forget the checkpoint, so that every start re-delivers the whole log.</summary>
    public bool ForgetCheckpoint { get; init; }

    public async Task<LogPosition?> ReadCheckpointAsync(CancellationToken ct = default) =>
        ForgetCheckpoint ? null : await inner.ReadCheckpointAsync(ct);

    public Task<IReadOnlyDictionary<Guid, TDocument>> LoadAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct = default) =>
        inner.LoadAsync(orderIds, ct);

    public Task<long?> ReadVersionAsync(Guid orderId, CancellationToken ct = default) => inner.ReadVersionAsync(orderId, ct);

    public async Task CommitAsync(ProjectionCommit<TDocument> commit, CancellationToken ct = default)
    {
        ThrowIfCutOff();
        var number = Interlocked.Increment(ref _commits);
        if (FailBefore(number))
            throw new IOException($"Commit {number} failed before writing.");
        if (HoldBefore(number))
            await Gate.Task.WaitAsync(ct);
        await inner.CommitAsync(commit, ct);
        Committed(commit);
        if (FailAfter(number))
            throw new IOException($"Commit {number} failed after writing.");
    }

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(CancellationToken ct = default) => inner.ListParkedAsync(ct);

    public Task ResetAsync(CancellationToken ct = default) => inner.ResetAsync(ct);

    public Task<ProjectionLease?> TakeLeaseAsync(string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default)
    {
        ThrowIfCutOff();
        return inner.TakeLeaseAsync(holder, now, until, ct);
    }

    public Task ReleaseLeaseAsync(string holder, CancellationToken ct = default)
    {
        ThrowIfCutOff();
        return inner.ReleaseLeaseAsync(holder, ct);
    }

    void ThrowIfCutOff()
    {
        if (CutOff)
            throw new IOException("The store cannot be reached.");
    }

    public Task<ProjectionLease?> ReadLeaseAsync(CancellationToken ct = default) => inner.ReadLeaseAsync(ct);
}

/// <summary>A projection that throws on the events <see cref="Fails"/> picks, while it picks them.</summary>
sealed class FlakyProjection<TDocument>(IProjection<TDocument> inner) : IProjection<TDocument>
    where TDocument : class, IVersionedDocument
{
    public Func<ProjectedEvent, bool> Fails { get; set; } = _ => false;

    public string Name => inner.Name;

    public TDocument? Apply(TDocument? document, ProjectedEvent @event) =>
        Fails(@event) ? throw new InvalidOperationException($"Cannot apply {@event.Recorded.StreamId}@{@event.Version}.") : inner.Apply(document, @event);

    public TDocument? Fold(IEnumerable<ProjectedEvent> events, TDocument? document = null) => events.Aggregate(document, Apply);
}
