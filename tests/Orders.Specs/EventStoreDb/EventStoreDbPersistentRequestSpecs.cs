using Orders.EventStore.EventStoreDb;
using Orders.EventStore.EventStoreDb.Protocol.PersistentSubscriptions;

namespace Orders.Specs.EventStoreDb;

public class EventStoreDbPersistentRequestSpecs
{
    private static readonly PersistentSubscriptionOptions Options = new("orders-documents", "order-") { MaxRetryCount = 3 };
    private static readonly Orders.EventStore.EventStoreDb.Protocol.UUID EventId =
        EventStoreDbResponses.ToUuid(Guid.Parse("0192b9b4-5f43-7c3e-9d1a-2b6f4c8e0a11"));

    [Fact]
    public void A_group_is_created_on_all_from_the_start_filtered_by_prefix_and_pinned_by_stream()
    {
        var options = EventStoreDbPersistentRequests.CreateOnAll(Options).Options;

        Assert.Equal("orders-documents", options.GroupName);
        Assert.Equal(CreateReq.Types.Options.StreamOptionOneofCase.All, options.StreamOptionCase);
        Assert.Equal(CreateReq.Types.AllOptions.AllOptionOneofCase.Start, options.All.AllOptionCase);
        Assert.Equal(["order-"], options.All.Filter.StreamIdentifier.Prefix);
        Assert.Equal("Pinned", options.Settings.ConsumerStrategy);
        Assert.Equal(CreateReq.Types.ConsumerStrategy.Pinned, options.Settings.NamedConsumerStrategy);
        Assert.Equal(3, options.Settings.MaxRetryCount);
        Assert.False(options.Settings.ResolveLinks);
        Assert.Equal(30_000, options.Settings.MessageTimeoutMs);
        Assert.True(options.Settings.ReadBatchSize < options.Settings.HistoryBufferSize);
    }

    [Fact]
    public void Reading_a_group_opens_with_its_name_buffer_and_string_ids()
    {
        var options = EventStoreDbPersistentRequests.ReadOnAll(Options).Options;

        Assert.Equal(ReadReq.Types.Options.StreamOptionOneofCase.All, options.StreamOptionCase);
        Assert.Equal("orders-documents", options.GroupName);
        Assert.Equal(32, options.BufferSize);
        Assert.Equal(ReadReq.Types.Options.Types.UUIDOption.ContentOneofCase.String, options.UuidOption.ContentCase);
    }

    [Fact]
    public void An_applied_event_is_acked_by_its_id()
    {
        var answer = EventStoreDbPersistentRequests.Answer(EventId, retryCount: 0, failure: null, Options);

        Assert.Equal(ReadReq.ContentOneofCase.Ack, answer.ContentCase);
        Assert.Equal([EventId], answer.Ack.Ids);
    }

    [Fact]
    public void A_failed_apply_is_retried_with_the_error_as_reason_while_retries_remain()
    {
        var answer = EventStoreDbPersistentRequests.Answer(EventId, retryCount: 2, new InvalidOperationException("mongo down"), Options);

        Assert.Equal(ReadReq.ContentOneofCase.Nack, answer.ContentCase);
        Assert.Equal(ReadReq.Types.Nack.Types.Action.Retry, answer.Nack.Action);
        Assert.Equal([EventId], answer.Nack.Ids);
        Assert.Equal("InvalidOperationException: mongo down", answer.Nack.Reason);
    }

    [Fact]
    public void A_failed_apply_is_parked_once_its_retries_are_used_up()
    {
        var answer = EventStoreDbPersistentRequests.Answer(EventId, retryCount: 3, new FormatException("bad json"), Options);

        Assert.Equal(ReadReq.Types.Nack.Types.Action.Park, answer.Nack.Action);
        Assert.Equal("FormatException: bad json", answer.Nack.Reason);
    }
}
