using System.Text;
using Google.Protobuf;
using Orders.EventStore;
using Orders.EventStore.EventStoreDb;
using Orders.EventStore.EventStoreDb.Protocol.Streams;
using ReadOptions = Orders.EventStore.EventStoreDb.Protocol.Streams.ReadReq.Types.Options;

namespace Orders.Specs.EventStoreDb;

public class EventStoreDbRequestSpecs
{
    private const string Stream = "order-0192b9b4-5f43-7c3e-9d1a-2b6f4c8e0a11";

    [Fact]
    public void An_append_opens_with_the_stream_name_as_utf8_bytes()
    {
        var request = EventStoreDbRequests.AppendOptions(Stream, ExpectedRevision.NoStream);

        Assert.Equal(AppendReq.ContentOneofCase.Options, request.ContentCase);
        Assert.Equal(Stream, request.Options.StreamIdentifier.StreamName.ToString(Encoding.UTF8));
    }

    [Fact]
    public void Each_expected_revision_sets_its_own_protocol_field()
    {
        Assert.Equal(
            AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream,
            EventStoreDbRequests.AppendOptions(Stream, ExpectedRevision.NoStream).Options.ExpectedStreamRevisionCase);
        Assert.Equal(
            AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Any,
            EventStoreDbRequests.AppendOptions(Stream, ExpectedRevision.Any).Options.ExpectedStreamRevisionCase);
        Assert.Equal(
            AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.StreamExists,
            EventStoreDbRequests.AppendOptions(Stream, ExpectedRevision.StreamExists).Options.ExpectedStreamRevisionCase);

        var exact = EventStoreDbRequests.AppendOptions(Stream, ExpectedRevision.Exactly(4)).Options;
        Assert.Equal(AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Revision, exact.ExpectedStreamRevisionCase);
        Assert.Equal(4UL, exact.Revision);
    }

    [Fact]
    public void The_ports_expected_versions_map_onto_revisions()
    {
        Assert.Equal(ExpectedRevision.NoStream, ExpectedRevision.From(ExpectedVersion.NoStream));
        Assert.Equal(ExpectedRevision.Any, ExpectedRevision.From(ExpectedVersion.Any));
        Assert.Equal(ExpectedRevision.Exactly(0), ExpectedRevision.From(ExpectedVersion.Exactly(0)));
        Assert.Equal(ExpectedRevision.Exactly(7), ExpectedRevision.From(ExpectedVersion.After(8)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExpectedRevision.From(new ExpectedVersion(-3)));
    }

    [Fact]
    public void A_proposed_event_keeps_the_original_type_json_content_type_and_bytes_as_given()
    {
        var id = Guid.Parse("0192b9b4-5f43-7c3e-9d1a-2b6f4c8e0a11");
        var data = "{\"paymentID\":\"p-1\",\"timestamp\":\"2024-05-01T10:00:00.123456789Z\"}"u8.ToArray();
        var metadata = "{\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"}"u8.ToArray();

        var message = EventStoreDbRequests.ProposedMessage(new EventData(id, "V1_ORDER_PAID", data, metadata)).ProposedMessage;

        Assert.Equal("0192b9b4-5f43-7c3e-9d1a-2b6f4c8e0a11", message.Id.String);
        Assert.Equal("V1_ORDER_PAID", message.Metadata["type"]);
        Assert.Equal("application/json", message.Metadata["content-type"]);
        Assert.Equal(2, message.Metadata.Count);
        Assert.Equal(data, message.Data.ToByteArray());
        Assert.Equal(metadata, message.CustomMetadata.ToByteArray());
    }

    [Fact]
    public void An_event_without_data_is_proposed_with_zero_bytes()
    {
        var message = EventStoreDbRequests.ProposedMessage(
            new EventData(Guid.NewGuid(), "V1_ORDER_SUBMITTED", ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty)).ProposedMessage;

        Assert.True(message.Data.IsEmpty);
        Assert.True(message.CustomMetadata.IsEmpty);
    }

    [Fact]
    public void A_stream_is_read_forwards_from_its_start_to_its_end_unfiltered_with_string_ids()
    {
        var options = EventStoreDbRequests.ReadStream(Stream).Options;

        Assert.Equal(ReadOptions.StreamOptionOneofCase.Stream, options.StreamOptionCase);
        Assert.Equal(Stream, options.Stream.StreamIdentifier.StreamName.ToString(Encoding.UTF8));
        Assert.Equal(ReadOptions.Types.StreamOptions.RevisionOptionOneofCase.Start, options.Stream.RevisionOptionCase);
        Assert.Equal(ReadOptions.Types.ReadDirection.Forwards, options.ReadDirection);
        Assert.Equal((ulong)long.MaxValue, options.Count);
        Assert.Equal(ReadOptions.FilterOptionOneofCase.NoFilter, options.FilterOptionCase);
        Assert.Equal(ReadOptions.Types.UUIDOption.ContentOneofCase.String, options.UuidOption.ContentCase);
    }

    [Fact]
    public void One_event_is_read_at_its_revision()
    {
        var options = EventStoreDbRequests.ReadEventAt(Stream, 7).Options;

        Assert.Equal(ReadOptions.Types.StreamOptions.RevisionOptionOneofCase.Revision, options.Stream.RevisionOptionCase);
        Assert.Equal(7UL, options.Stream.Revision);
        Assert.Equal(1UL, options.Count);
    }

    [Fact]
    public void Reading_all_from_the_start_filters_stream_names_by_prefix_on_the_server()
    {
        var options = EventStoreDbRequests.ReadAll(null, 100, "order-").Options;

        Assert.Equal(ReadOptions.Types.AllOptions.AllOptionOneofCase.Start, options.All.AllOptionCase);
        Assert.Equal(ReadOptions.CountOptionOneofCase.Count, options.CountOptionCase);
        Assert.Equal(100UL, options.Count);
        Assert.Equal(ReadOptions.FilterOptionOneofCase.Filter, options.FilterOptionCase);
        Assert.Equal(["order-"], options.Filter.StreamIdentifier.Prefix);
        Assert.Equal(ReadOptions.Types.UUIDOption.ContentOneofCase.String, options.UuidOption.ContentCase);
    }

    [Fact]
    public void Reading_all_from_a_position_sends_its_commit_and_prepare_parts()
    {
        var options = EventStoreDbRequests.ReadAll(new LogPosition(1234, 1200), 10, "order-").Options;

        Assert.Equal(ReadOptions.Types.AllOptions.AllOptionOneofCase.Position, options.All.AllOptionCase);
        Assert.Equal(1234UL, options.All.Position.CommitPosition);
        Assert.Equal(1200UL, options.All.Position.PreparePosition);
    }

    [Fact]
    public void A_subscription_to_all_is_a_read_with_the_subscription_option_and_a_checkpointing_filter()
    {
        var options = EventStoreDbRequests.SubscribeToAll(new LogPosition(99, 99), "order-").Options;

        Assert.Equal(ReadOptions.CountOptionOneofCase.Subscription, options.CountOptionCase);
        Assert.Equal(99UL, options.All.Position.CommitPosition);
        Assert.Equal(["order-"], options.Filter.StreamIdentifier.Prefix);
        Assert.Equal(ReadOptions.Types.FilterOptions.WindowOneofCase.Max, options.Filter.WindowCase);
        Assert.Equal(EventStoreDbRequests.SubscriptionCheckpointWindow, options.Filter.Max);
        Assert.Equal(1U, options.Filter.CheckpointIntervalMultiplier);
    }

    [Fact]
    public void Field_numbers_match_the_public_protocol_on_the_wire()
    {
        // AppendReq.options = 1 { stream_identifier = 1 { stream_name = 3: "a" }, no_stream = 3 {} }
        var options = EventStoreDbRequests.AppendOptions("a", ExpectedRevision.NoStream);
        Assert.Equal("0a070a031a01611a00", Convert.ToHexStringLower(options.ToByteArray()));

        // AppendReq.options = 1 { ..., revision = 2: 5 }
        var exact = EventStoreDbRequests.AppendOptions("a", ExpectedRevision.Exactly(5));
        Assert.Equal("0a070a031a01611005", Convert.ToHexStringLower(exact.ToByteArray()));

        // UUID.string = 2
        var id = EventStoreDbResponses.ToUuid(Guid.Parse("00000000-0000-0000-0000-000000000001"));
        Assert.Equal("1224" + Convert.ToHexStringLower("00000000-0000-0000-0000-000000000001"u8), Convert.ToHexStringLower(id.ToByteArray()));
    }
}
