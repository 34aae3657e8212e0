using System.Collections.Concurrent;
using Orders.EventStore;

namespace Orders.Projections.Runner;

/// <summary>
/// Each projection's latest rebuild: where the log ended when it began, and how far the projection's checkpoint has
/// come towards that since. A rebuild is finished once the checkpoint reaches it; events appended meanwhile are
/// ordinary lag.
/// </summary>
sealed class Rebuilds(TimeProvider time)
{
    readonly ConcurrentDictionary<string, RebuildProgress> _latest = new(StringComparer.Ordinal);

    public void Started(string projection, LogPosition? target)
    {
        var now = time.GetUtcNow();
        _latest[projection] = target is null
            ? new RebuildProgress(now, null, 1, now)
            : new RebuildProgress(now, target, 0, null);
    }

    /// <summary>
    /// Moves the projection's rebuild on to its checkpoint (never back: a status may have read an older one); null
    /// when it was never rebuilt.
    /// </summary>
    public RebuildProgress? Reached(string projection, LogPosition? checkpoint)
    {
        if (!_latest.TryGetValue(projection, out var rebuild))
            return null;
        if (rebuild.FinishedAt is not null || checkpoint is not { } at || rebuild.Target is not { } target)
            return rebuild;
        var moved = at >= target
            ? rebuild with { Fraction = 1, FinishedAt = time.GetUtcNow() }
            : rebuild with { Fraction = Math.Max(rebuild.Fraction, target.Commit == 0 ? 0 : Math.Min((double)at.Commit / target.Commit, 0.999)) };
        // A rebuild started in between replaces this one and keeps its own progress.
        return _latest.TryUpdate(projection, moved, rebuild) ? moved : _latest.GetValueOrDefault(projection);
    }
}
