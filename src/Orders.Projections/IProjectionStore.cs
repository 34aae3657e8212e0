using Orders.EventStore;

namespace Orders.Projections;

/// <summary>
/// Where one projection keeps its documents, its checkpoint and its parked events (the latter two through the
/// store's <see cref="ICheckpointStore"/>, written in the same commit as the documents). Only the projection runner
/// writes to it, one commit at a time. Each commit is all-or-nothing, so that a crash replays from the last
/// checkpoint and loses nothing: SQLite uses one transaction; MongoDB can use version-guarded upserts followed
/// by the checkpoint document in the same database; Elasticsearch a bulk request with external versioning
/// (re-applying a batch whose checkpoint was not written is harmless, because documents ignore old versions).
/// </summary>
public interface IProjectionStore<TDocument>
    where TDocument : class, IVersionedDocument
{
    /// <summary>The position of the last event this projection has applied; null before its first.</summary>
    Task<LogPosition?> ReadCheckpointAsync(CancellationToken ct = default);

    /// <summary>The stored documents of those orders that have one.</summary>
    Task<IReadOnlyDictionary<Guid, TDocument>> LoadAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct = default);

    /// <summary>The stream version an order's document reflects; null when it has none.</summary>
    Task<long?> ReadVersionAsync(Guid orderId, CancellationToken ct = default);

    Task CommitAsync(ProjectionCommit<TDocument> commit, CancellationToken ct = default);

    /// <summary>Parked events in log order.</summary>
    Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(CancellationToken ct = default);

    /// <summary>Forgets every document, the checkpoint and the parked events, for a rebuild from the start of the log.</summary>
    Task ResetAsync(CancellationToken ct = default);

    /// <summary>
    /// Takes the lease on this projection's work for <paramref name="holder"/> until <paramref name="until"/>, or renews
    /// it, in one compare-and-set: only when nobody holds it, when it expired before <paramref name="now"/>, or when
    /// <paramref name="holder"/> holds it already. Answers the lease as it stands afterwards, whoever holds it.
    /// </summary>
    Task<ProjectionLease?> TakeLeaseAsync(string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default);

    /// <summary>Gives the lease up if <paramref name="holder"/> still holds it, so that another instance need not wait for it to expire.</summary>
    Task ReleaseLeaseAsync(string holder, CancellationToken ct = default);

    /// <summary>The lease as stored, expired or not; null when nobody has taken it.</summary>
    Task<ProjectionLease?> ReadLeaseAsync(CancellationToken ct = default);
}

/// <summary>
/// What one batch changed: documents to store (a store keeps the higher version when one is already there),
/// events to park or to take off the parked list, and the new checkpoint (null when replaying parked events,
/// which does not move through the log).
/// </summary>
public sealed record ProjectionCommit<TDocument>(
    IReadOnlyCollection<TDocument> Documents,
    IReadOnlyCollection<ParkedEvent> Parked,
    IReadOnlyCollection<ParkedEvent> Released,
    LogPosition? Checkpoint)
{
    /// <summary>What the commit changes in the projection's <see cref="ICheckpointStore"/>.</summary>
    public CheckpointChange State => new(Parked, Released, Checkpoint);
}

/// <summary>
/// An event a projection could not apply (<see cref="HeldBehind"/> null: its <see cref="Error"/> says why) or an
/// event held back because an earlier event of its stream is parked (<see cref="HeldBehind"/> is that event's
/// version). The whole event is kept, so that it can be replayed without the log.
/// </summary>
public sealed record ParkedEvent(
    string Projection,
    RecordedEvent Event,
    string Error,
    int Attempts,
    DateTimeOffset ParkedAt,
    long? HeldBehind);
