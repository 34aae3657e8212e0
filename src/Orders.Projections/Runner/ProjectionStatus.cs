using Orders.EventStore;

namespace Orders.Projections.Runner;

/// <summary>
/// Where one projection stands. <see cref="EventsBehind"/> counts the order events after the checkpoint, up to
/// the configured limit (<see cref="EventsBehindIsAtLeast"/> then says there may be more); <see cref="TimeBehind"/>
/// is how long the oldest of them has waited. <see cref="Rebuild"/> is the latest rebuild, if there was one.
/// <see cref="AppliedHere"/> says whether this instance applies the projection now; <see cref="Lease"/> is its lease
/// as stored (who holds it, until when) when instances share the read models, null otherwise.
/// </summary>
public sealed record ProjectionStatus(
    string Name,
    LogPosition? Checkpoint,
    long EventsBehind,
    bool EventsBehindIsAtLeast,
    TimeSpan TimeBehind,
    int ParkedCount,
    RebuildProgress? Rebuild,
    bool AppliedHere,
    ProjectionLease? Lease)
{
    public double SecondsBehind => TimeBehind.TotalSeconds;
}

/// <summary>
/// A rebuild: <see cref="Target"/> is where the log ended when it began (null: the log was empty), <see cref="Fraction"/>
/// how far the checkpoint has come towards it by log position (0..1), <see cref="FinishedAt"/> when it got there.
/// </summary>
public sealed record RebuildProgress(DateTimeOffset StartedAt, LogPosition? Target, double Fraction, DateTimeOffset? FinishedAt);

/// <summary>The last event the runner applied, as the log recorded it.</summary>
public sealed record SeenEvent(LogPosition Position, string StreamId, long StreamVersion, DateTimeOffset Created);

/// <summary>
/// The runner and each of its projections; <see cref="LastError"/> is the failure it is recovering from, if any.
/// <see cref="Instance"/> is this instance's id; <see cref="Mode"/> is <c>Here</c> (it applies every projection) or
/// <c>Lease</c> (it applies those whose lease it holds).
/// </summary>
public sealed record ProjectionRunnerStatus(
    IReadOnlyList<ProjectionStatus> Projections,
    SeenEvent? LastEventSeen,
    string? LastError,
    string Instance,
    string Mode);
