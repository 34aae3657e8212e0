using Grpc.Core;
using Orders.EventStore.EventStoreDb;

namespace Orders.Specs.EventStoreDb;

public class EventStoreDbFailureSpecs
{
    private static RpcException Error(StatusCode code, params (string Key, string Value)[] trailers)
    {
        var metadata = new Metadata();
        foreach (var (key, value) in trailers)
            metadata.Add(key, value);
        return new RpcException(new Status(code, "detail from server"), metadata);
    }

    [Fact]
    public void Wrong_expected_version_carries_the_stream_and_its_actual_version()
    {
        var failure = EventStoreDbFailure.From(Error(
            StatusCode.FailedPrecondition,
            ("exception", "wrong-expected-version"), ("stream-name", "order-1"), ("expected-version", "2"), ("actual-version", "5")));

        Assert.Equal(new EventStoreDbFailure.WrongExpectedVersion("order-1", 5), failure);
    }

    [Fact]
    public void Wrong_expected_version_on_a_missing_stream_reports_minus_one()
    {
        var failure = EventStoreDbFailure.From(Error(
            StatusCode.FailedPrecondition, ("exception", "wrong-expected-version"), ("stream-name", "order-1"), ("actual-version", "-1")));

        Assert.Equal(new EventStoreDbFailure.WrongExpectedVersion("order-1", -1), failure);
    }

    [Fact]
    public void A_deleted_stream_is_named()
    {
        var failure = EventStoreDbFailure.From(Error(StatusCode.FailedPrecondition, ("exception", "stream-deleted"), ("stream-name", "order-9")));

        Assert.Equal(new EventStoreDbFailure.StreamDeleted("order-9"), failure);
    }

    [Fact]
    public void A_missing_stream_is_named()
    {
        var failure = EventStoreDbFailure.From(Error(StatusCode.NotFound, ("exception", "stream-not-found"), ("stream-name", "order-2")));

        Assert.Equal(new EventStoreDbFailure.StreamNotFound("order-2"), failure);
    }

    [Fact]
    public void Not_leader_says_where_the_leader_is()
    {
        var failure = EventStoreDbFailure.From(Error(
            StatusCode.NotFound, ("exception", "not-leader"), ("leader-endpoint-host", "node2"), ("leader-endpoint-port", "2113")));

        Assert.Equal(new EventStoreDbFailure.NotLeader("node2", 2113), failure);
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public void Access_denied_comes_from_the_trailer_or_the_status()
    {
        Assert.IsType<EventStoreDbFailure.AccessDenied>(
            EventStoreDbFailure.From(Error(StatusCode.PermissionDenied, ("exception", "access-denied"))));
        Assert.IsType<EventStoreDbFailure.AccessDenied>(EventStoreDbFailure.From(Error(StatusCode.PermissionDenied)));
        Assert.IsType<EventStoreDbFailure.Unauthenticated>(EventStoreDbFailure.From(Error(StatusCode.Unauthenticated)));
    }

    [Fact]
    public void Persistent_subscription_errors_name_the_group()
    {
        Assert.Equal(
            new EventStoreDbFailure.PersistentSubscriptionExists("projections"),
            EventStoreDbFailure.From(Error(StatusCode.AlreadyExists, ("exception", "persistent-subscription-exists"), ("group-name", "projections"))));
        Assert.Equal(
            new EventStoreDbFailure.PersistentSubscriptionNotFound("projections"),
            EventStoreDbFailure.From(Error(StatusCode.NotFound, ("exception", "persistent-subscription-does-not-exist"), ("group-name", "projections"))));
    }

    [Fact]
    public void An_append_too_large_reports_the_limit()
    {
        var failure = EventStoreDbFailure.From(Error(
            StatusCode.InvalidArgument, ("exception", "maximum-append-size-exceeded"), ("maximum-append-size", "1048576")));

        Assert.Equal(new EventStoreDbFailure.MaximumAppendSizeExceeded(1048576), failure);
    }

    [Fact]
    public void Only_what_a_failover_explains_is_worth_retrying()
    {
        Assert.True(EventStoreDbFailure.From(Error(StatusCode.Unavailable)).IsTransient);
        Assert.True(EventStoreDbFailure.From(Error(StatusCode.DeadlineExceeded)).IsTransient);
        Assert.True(EventStoreDbFailure.From(Error(StatusCode.Aborted)).IsTransient);
        Assert.False(EventStoreDbFailure.From(Error(StatusCode.Internal)).IsTransient);
        Assert.False(EventStoreDbFailure.From(Error(StatusCode.Unauthenticated)).IsTransient);
        Assert.False(EventStoreDbFailure.From(Error(StatusCode.PermissionDenied)).IsTransient);
    }

    [Fact]
    public void A_connection_that_broke_mid_call_is_a_node_gone_away_whatever_status_the_transport_gave()
    {
        var reset = new HttpRequestException("An error occurred while sending the request.", new IOException("Connection reset by peer"));

        var failure = EventStoreDbFailure.From(new RpcException(new Status(StatusCode.Internal, "Error reading next message.", reset)));

        Assert.Equal(new EventStoreDbFailure.Unavailable("Error reading next message."), failure);
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public void Any_other_status_keeps_its_code_and_detail()
    {
        var failure = EventStoreDbFailure.From(Error(StatusCode.Internal, ("exception", "something-new")));

        Assert.Equal(new EventStoreDbFailure.Unexpected(StatusCode.Internal, "detail from server"), failure);
    }

    [Fact]
    public void Pauses_between_resubscriptions_double_up_to_the_cap()
    {
        var retry = new EventStoreDbRetry(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), Budget: TimeSpan.FromSeconds(10));

        Assert.Equal(
            [100, 200, 400, 800, 1000, 1000],
            Enumerable.Range(1, 6).Select(attempt => retry.Pause(attempt).TotalMilliseconds));
        Assert.Equal(TimeSpan.FromSeconds(1), retry.Pause(1000));
    }
}
