namespace Orders.EventStore;

/// <summary>
/// The event store could not be reached within the time the adapter allows for a failover, or it refuses the
/// service's credentials. Nothing about the request was wrong: the same request may succeed after
/// <see cref="RetryAfter"/>. The edge answers it as "unavailable" (HTTP 503, gRPC Unavailable), never as a crash.
/// </summary>
public sealed class EventStoreUnavailableException(string message, bool credentialsRefused, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>About as long as a cluster takes to elect a new leader, with room to spare.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>The store answered, but refused who the service said it was: an operator must fix the configuration.</summary>
    public bool CredentialsRefused { get; } = credentialsRefused;

    public TimeSpan RetryAfter { get; } = DefaultRetryAfter;
}
