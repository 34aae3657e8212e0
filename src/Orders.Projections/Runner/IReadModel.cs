using Orders.EventStore;

namespace Orders.Projections.Runner;

/// <summary>A projection and the store it writes, as the runner drives it. Only the runner calls the writing members.</summary>
public interface IReadModel
{
    /// <summary>The projection's name, for status, parked events and rebuilds.</summary>
    string Name { get; }

    /// <summary>The position of the last event applied, as of the last commit or load.</summary>
    LogPosition? Checkpoint { get; }

    /// <summary>Reads the checkpoint and which streams wait behind a parked event.</summary>
    Task LoadAsync(CancellationToken ct);

    /// <summary>Applies the events after the checkpoint and commits them with the batch's end as the new checkpoint.</summary>
    Task ApplyAsync(EventBatch batch, CancellationToken ct);

    Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(CancellationToken ct);

    /// <summary>
    /// Applies a stream's parked events again, in order, after dropping the one at <paramref name="skipVersion"/>
    /// when given; those that now apply leave the parked list, the first that fails again stays with the rest behind it.
    /// </summary>
    Task<ReleaseOutcome> ReleaseAsync(string streamId, long? skipVersion, CancellationToken ct);

    /// <summary>Forgets everything projected, so that the runner replays the log from its start.</summary>
    Task ResetAsync(CancellationToken ct);

    /// <summary>
    /// Completes with true once the order's document reflects at least <paramref name="version"/>, false after the timeout.
    /// When another instance applies this projection, the store is read again with a short back-off, since no commit here wakes the wait.
    /// </summary>
    Task<bool> WaitForVersionAsync(Guid orderId, long version, TimeSpan timeout, CancellationToken ct);

    /// <summary>Whether this instance applies the projection now (it holds the lease, or leases are not used); set by the runner.</summary>
    bool AppliedHere { get; set; }

    /// <summary>The checkpoint as stored, whichever instance wrote it.</summary>
    Task<LogPosition?> ReadStoredCheckpointAsync(CancellationToken ct);

    /// <inheritdoc cref="IProjectionStore{TDocument}.TakeLeaseAsync"/>
    Task<ProjectionLease?> TakeLeaseAsync(string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken ct);

    /// <inheritdoc cref="IProjectionStore{TDocument}.ReleaseLeaseAsync"/>
    Task ReleaseLeaseAsync(string holder, CancellationToken ct);

    /// <inheritdoc cref="IProjectionStore{TDocument}.ReadLeaseAsync"/>
    Task<ProjectionLease?> ReadLeaseAsync(CancellationToken ct);
}

/// <summary>How many parked events a replay or skip released, and the one still parked, if any.</summary>
public sealed record ReleaseOutcome(int Released, ParkedEvent? StillParked);
