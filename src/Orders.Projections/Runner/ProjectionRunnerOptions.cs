namespace Orders.Projections.Runner;

public sealed class ProjectionRunnerOptions
{
    /// <summary>
    /// Most events applied in one transaction per read model. Only a catch-up fills a batch; the larger it is, the
    /// more of an order's events fold into one document write.
    /// </summary>
    public int BatchSize { get; set; } = 40_000;

    /// <summary>How long a batch that is not full waits for more events; short, as reads wait for it.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// A batch that changes at least this many documents is a catch-up's (a live one changes a few): the read models
    /// then keep more in memory, and hand it back when batches are small again.
    /// </summary>
    public const int CatchUpDocuments = 1_000;

    /// <summary>About how many recently written documents each read model keeps in memory while catching up; at most 2,000 while serving.</summary>
    public int DocumentCacheSize { get; set; } = 20_000;

    /// <summary>Tries of an event that throws before it is parked.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the second try, doubling before each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest wait before the runner starts over after a store failed.</summary>
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many unapplied events the status counts before it says "at least".</summary>
    public int LagCountLimit { get; set; } = 10_000;

    /// <summary>
    /// Which instance applies the projections (<c>Orders:Projections:Runner</c>): this one always, or whichever holds
    /// each projection's lease.
    /// </summary>
    public ProjectionRunnerMode Runner { get; set; } = ProjectionRunnerMode.Here;

    /// <summary>
    /// How long a lease lasts unless renewed, in whole seconds; its holder renews it every third of that, and another
    /// instance takes over within about this long after the holder stops renewing it.
    /// </summary>
    public int LeaseSeconds { get; set; } = 15;

    public TimeSpan LeaseDuration => TimeSpan.FromSeconds(LeaseSeconds);

    /// <summary>
    /// This instance's name in the leases and the status: the machine's name and the process id unless the host names
    /// it (<c>Orders:InstanceId</c>, through <see cref="ForInstance"/>).
    /// </summary>
    public string InstanceId { get; private set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    public ProjectionRunnerOptions ForInstance(string instanceId)
    {
        InstanceId = instanceId;
        return this;
    }
}

public enum ProjectionRunnerMode
{
    /// <summary>This instance applies every projection: one instance, or each with read models of its own.</summary>
    Here,

    /// <summary>
    /// Several instances share the read models: each projection is applied by the instance that holds its lease, and
    /// another takes over when that one stops renewing it.
    /// </summary>
    Lease,
}
