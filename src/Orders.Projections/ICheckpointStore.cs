using Orders.EventStore;

namespace Orders.Projections;

/// <summary>
/// How far one follower of the log (a projection, the event publisher) has got, and the events it parked: the one
/// abstraction every store implements once (SQLite, MongoDB, Elasticsearch). A projection store writes it together
/// with its documents (<see cref="IProjectionStore{TDocument}.CommitAsync"/>); a follower without documents writes
/// it alone.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>The position of the last event the follower has dealt with; null before its first.</summary>
    Task<LogPosition?> ReadCheckpointAsync(CancellationToken ct = default);

    /// <summary>Parked events in log order.</summary>
    Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(CancellationToken ct = default);

    /// <summary>
    /// Parks and releases events, then moves the checkpoint when the change carries one: last, so that it never
    /// gets ahead of the rest. Parking an event again replaces it; releasing one that is not parked is done. A
    /// checkpoint behind the stored one is not written, so that a late save from an instance that lost the
    /// follower's lease cannot take it back.
    /// </summary>
    Task SaveAsync(CheckpointChange change, CancellationToken ct = default);

    /// <summary>Forgets the checkpoint, then the parked events, for a start from the beginning of the log.</summary>
    Task ForgetAsync(CancellationToken ct = default);

    /// <summary>
    /// Takes the lease on this follower's work for <paramref name="holder"/> until <paramref name="until"/>, or renews
    /// it, in one compare-and-set: only when nobody holds it, when it expired before <paramref name="now"/>, or when
    /// <paramref name="holder"/> holds it already. Answers the lease as it stands afterwards, whoever holds it.
    /// </summary>
    Task<ProjectionLease?> TakeLeaseAsync(string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default);

    /// <summary>Gives the lease up if <paramref name="holder"/> still holds it, so that another instance need not wait for it to expire.</summary>
    Task ReleaseLeaseAsync(string holder, CancellationToken ct = default);

    /// <summary>The lease as stored, expired or not; null when nobody has taken it.</summary>
    Task<ProjectionLease?> ReadLeaseAsync(CancellationToken ct = default);
}

/// <summary>Events to park and to take off the parked list, and the new checkpoint (null: it stays).</summary>
public sealed record CheckpointChange(
    IReadOnlyCollection<ParkedEvent> Parked,
    IReadOnlyCollection<ParkedEvent> Released,
    LogPosition? Checkpoint)
{
    public static CheckpointChange MoveTo(LogPosition checkpoint) => new([], [], checkpoint);

    public bool ChangesParked => Parked.Count + Released.Count > 0;
}
