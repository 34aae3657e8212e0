namespace Orders.EventStore.EventStoreDb;

/// <summary>Exponential pauses between attempts after the node was unavailable, doubling up to a cap.</summary>
internal sealed record RetryBackoff(TimeSpan First, TimeSpan Max, int MaxAttempts)
{
    public static RetryBackoff Default { get; } = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), MaxAttempts: 6);

    /// <summary>The pause after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan Delay(int attempt)
    {
        var doublings = Math.Min(Math.Max(attempt - 1, 0), 30);
        var ticks = Math.Min(First.Ticks * (1L << doublings), Max.Ticks);
        return TimeSpan.FromTicks(ticks);
    }
}
