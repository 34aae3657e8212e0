using Grpc.Core;

namespace Orders.EventStore.EventStoreDb;

/// <summary>
/// What went wrong in a call, as EventStoreDB tells it: an <c>exception</c> trailer naming the error (with more
/// trailers such as <c>actual-version</c>), or else the bare gRPC status.
/// </summary>
internal abstract record EventStoreDbFailure
{
    private EventStoreDbFailure() { }

    /// <summary><paramref name="ActualVersion"/> is -1 when the stream does not exist.</summary>
    public sealed record WrongExpectedVersion(string Stream, long ActualVersion) : EventStoreDbFailure;
    public sealed record StreamNotFound(string Stream) : EventStoreDbFailure;
    public sealed record StreamDeleted(string Stream) : EventStoreDbFailure;
    public sealed record NotLeader(string? LeaderHost, int? LeaderPort) : EventStoreDbFailure;
    public sealed record AccessDenied(string Detail) : EventStoreDbFailure;
    public sealed record Unauthenticated(string Detail) : EventStoreDbFailure;
    public sealed record MaximumAppendSizeExceeded(int? MaximumSize) : EventStoreDbFailure;
    public sealed record PersistentSubscriptionExists(string Group) : EventStoreDbFailure;
    public sealed record PersistentSubscriptionNotFound(string Group) : EventStoreDbFailure;
    public sealed record PersistentSubscriptionDropped(string Detail) : EventStoreDbFailure;
    public sealed record Unavailable(string Detail) : EventStoreDbFailure;

    /// <summary>The node ended the call, e.g. a live subscription whose reader fell behind ("consumer too slow").</summary>
    public sealed record Aborted(string Detail) : EventStoreDbFailure;
    public sealed record DeadlineExceeded(string Detail) : EventStoreDbFailure;
    public sealed record Unexpected(StatusCode Code, string Detail) : EventStoreDbFailure;

    /// <summary>
    /// The node could not be reached, went away, dropped the call, did not answer in time or is not the leader:
    /// what a failover looks like from a client. The same call may succeed after a pause, on the node found then (a
    /// subscription resumes after the last event it delivered; an append is repeated with the same event ids).
    /// </summary>
    public bool IsTransient => this is Unavailable or Aborted or DeadlineExceeded or NotLeader;

    public static EventStoreDbFailure From(RpcException error)
    {
        string? Trailer(string key) => error.Trailers.GetValue(key);
        var detail = error.Status.Detail;

        return Trailer("exception") switch
        {
            "wrong-expected-version" => new WrongExpectedVersion(
                Trailer("stream-name") ?? "", ParseLong(Trailer("actual-version")) ?? -1),
            "stream-not-found" => new StreamNotFound(Trailer("stream-name") ?? ""),
            "stream-deleted" => new StreamDeleted(Trailer("stream-name") ?? ""),
            "not-leader" => new NotLeader(Trailer("leader-endpoint-host"), (int?)ParseLong(Trailer("leader-endpoint-port"))),
            "access-denied" => new AccessDenied(detail),
            "maximum-append-size-exceeded" => new MaximumAppendSizeExceeded((int?)ParseLong(Trailer("maximum-append-size"))),
            "persistent-subscription-exists" => new PersistentSubscriptionExists(Trailer("group-name") ?? ""),
            "persistent-subscription-does-not-exist" => new PersistentSubscriptionNotFound(Trailer("group-name") ?? ""),
            "persistent-subscription-dropped" => new PersistentSubscriptionDropped(detail),
            _ => error.StatusCode switch
            {
                StatusCode.Unavailable => new Unavailable(detail),
                StatusCode.Internal or StatusCode.Unknown when ConnectionBroke(error.Status.DebugException) => new Unavailable(detail),
                StatusCode.Aborted => new Aborted(detail),
                StatusCode.DeadlineExceeded => new DeadlineExceeded(detail),
                StatusCode.PermissionDenied => new AccessDenied(detail),
                StatusCode.Unauthenticated => new Unauthenticated(detail),
                var code => new Unexpected(code, detail),
            },
        };
    }

    /// <summary>
    /// The client's own report of a connection that failed mid-call (a node killed while a message was in flight):
    /// the node went away, whatever status the transport gave it. The server's own errors carry no such exception.
    /// </summary>
    private static bool ConnectionBroke(Exception? error) =>
        error switch
        {
            null => false,
            IOException or HttpRequestException or HttpProtocolException or System.Net.Sockets.SocketException => true,
            _ => ConnectionBroke(error.InnerException),
        };

    private static long? ParseLong(string? value) =>
        long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
}

/// <summary>A call to EventStoreDB failed; <see cref="Failure"/> says how.</summary>
internal sealed class EventStoreDbException(EventStoreDbFailure failure, Exception? inner = null)
    : Exception($"EventStoreDB call failed: {failure}", inner)
{
    public EventStoreDbFailure Failure { get; } = failure;
}
