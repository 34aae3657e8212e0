using Microsoft.Extensions.Logging;

namespace Orders.Projections.Runner;

/// <summary>
/// This instance's leases on the projections' work: each is taken or renewed every third of its duration. A lease
/// counts as held until a third of its duration before it expires, reckoned from when the last successful renewal
/// was sent; so an instance whose renewals fail stops applying a third of the duration before another instance can
/// take the lease over, which leaves room for a batch already under way and for clocks that differ a little.
/// </summary>
sealed class ProjectionLeases(ProjectionRunnerOptions options, TimeProvider time, ILogger logger)
{
    readonly Lock _gate = new();
    readonly Dictionary<string, DateTimeOffset> _heldUntil = new(StringComparer.Ordinal);

    /// <summary>Past another instance's expiry before trying its lease: the store's clock may run a little behind.</summary>
    static readonly TimeSpan ExpiryMargin = TimeSpan.FromMilliseconds(50);

    public TimeSpan RenewEvery => options.LeaseDuration / 3;

    /// <summary>When to renew next, after <see cref="RenewAsync"/>: a third of the lease, or sooner when another instance's lease expires sooner.</summary>
    public TimeSpan NextRenewal { get; private set; }

    public string Instance => options.InstanceId;

    public bool Holds(string projection)
    {
        lock (_gate)
            return _heldUntil.TryGetValue(projection, out var until) && time.GetUtcNow() < until;
    }

    /// <summary>
    /// Takes or renews every lease. True when this instance now holds a lease it did not hold without a break
    /// before, or no longer holds one: the runner then starts over from the stored checkpoints, because another
    /// instance may have applied events in between.
    /// </summary>
    public async Task<bool> RenewAsync(IEnumerable<IReadModel> models, CancellationToken ct)
    {
        var changed = false;
        NextRenewal = RenewEvery;
        foreach (var model in models)
        {
            var sent = time.GetUtcNow();
            var held = Holds(model.Name);
            try
            {
                var lease = await model.TakeLeaseAsync(Instance, sent, sent + options.LeaseDuration, ct);
                var taken = lease?.Holder == Instance;
                lock (_gate)
                {
                    if (taken)
                        _heldUntil[model.Name] = sent + options.LeaseDuration - RenewEvery;
                    else
                        _heldUntil.Remove(model.Name);
                }
                // Another instance's lease is tried again as soon as it expires, not up to a third of a lease later.
                if (!taken && lease is not null)
                {
                    var untilExpiry = lease.Expires > sent ? lease.Expires - sent : TimeSpan.Zero;
                    if (untilExpiry + ExpiryMargin < NextRenewal)
                        NextRenewal = untilExpiry + ExpiryMargin;
                }
                if (taken != held)
                    logger.LogInformation("{Projection}: applied by {Holder} now (this instance is {Instance})", model.Name, lease?.Holder, Instance);
                changed |= taken != held;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The lease held so far lapses by itself; the runner stops applying the projection then.
                logger.LogWarning(ex, "{Projection}: the lease could not be renewed", model.Name);
                changed |= held && !Holds(model.Name);
            }
        }
        return changed;
    }

    /// <summary>Gives up every lease this instance holds, after its last batch, so that another takes over at once.</summary>
    public async Task ReleaseAsync(IEnumerable<IReadModel> models, CancellationToken ct)
    {
        foreach (var model in models)
        {
            lock (_gate)
                if (!_heldUntil.Remove(model.Name))
                    continue;
            try
            {
                await model.ReleaseLeaseAsync(Instance, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "{Projection}: the lease could not be given up; it expires by itself", model.Name);
            }
        }
    }
}
