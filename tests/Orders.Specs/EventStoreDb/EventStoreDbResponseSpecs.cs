using System.Text;
using Google.Protobuf;
using Orders.EventStore;
using Orders.EventStore.EventStoreDb;
using Orders.EventStore.EventStoreDb.Protocol;
using Orders.EventStore.EventStoreDb.Protocol.Streams;
using StreamRecordedEvent = Orders.EventStore.EventStoreDb.Protocol.Streams.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace Orders.Specs.EventStoreDb;

public class EventStoreDbResponseSpecs
{
    private static readonly Guid Id = Guid.Parse("0192b9b4-5f43-7c3e-9d1a-2b6f4c8e0a11");

    [Fact]
    public void A_read_event_becomes_a_recorded_event_with_its_log_position()
    {
        var created = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        var read = new StreamRecordedEvent
        {
            Id = new UUID { String = Id.ToString() },
            StreamIdentifier = new StreamIdentifier { StreamName = ByteString.CopyFromUtf8("order-1") },
            StreamRevision = 3,
            CommitPosition = 5000,
            PreparePosition = 4900,
            Metadata =
            {
                ["type"] = "V1_ORDER_CREATED",
                ["content-type"] = "application/json",
                ["created"] = (created - DateTimeOffset.UnixEpoch).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            Data = ByteString.CopyFromUtf8("{\"shopItems\":[]}"),
            CustomMetadata = ByteString.CopyFromUtf8("{\"uber-trace-id\":\"abc\"}"),
        };

        var recorded = EventStoreDbResponses.ToRecordedEvent(read);

        Assert.Equal("order-1", recorded.StreamId);
        Assert.Equal(3, recorded.StreamVersion);
        Assert.Equal(new LogPosition(5000, 4900), recorded.Position);
        Assert.Equal(Id, recorded.EventId);
        Assert.Equal("V1_ORDER_CREATED", recorded.Type);
        Assert.Equal("{\"shopItems\":[]}", Encoding.UTF8.GetString(recorded.Data.Span));
        Assert.Equal("{\"uber-trace-id\":\"abc\"}", Encoding.UTF8.GetString(recorded.Metadata.Span));
        Assert.Equal(created, recorded.Created);
    }

    [Fact]
    public void Both_uuid_forms_give_the_same_guid()
    {
        // The structured form holds the 16 bytes as written in the string, as two big-endian 64-bit halves.
        var structured = new UUID
        {
            Structured = new UUID.Types.Structured
            {
                MostSignificantBits = unchecked((long)0x0192b9b45f437c3eUL),
                LeastSignificantBits = unchecked((long)0x9d1a2b6f4c8e0a11UL),
            },
        };

        Assert.Equal(Id, EventStoreDbResponses.ToGuid(structured));
        Assert.Equal(Id, EventStoreDbResponses.ToGuid(EventStoreDbResponses.ToUuid(Id)));
    }

    [Fact]
    public void An_event_without_an_id_is_refused()
    {
        Assert.Throws<FormatException>(() => EventStoreDbResponses.ToGuid(new UUID()));
    }

    [Fact]
    public void A_successful_append_reports_the_new_revision_and_position()
    {
        var response = new AppendResp
        {
            Success = new AppendResp.Types.Success
            {
                CurrentRevision = 2,
                Position = new AppendResp.Types.Position { CommitPosition = 700, PreparePosition = 650 },
            },
        };

        Assert.Equal(new AppendResult.Appended(2, new LogPosition(700, 650)), EventStoreDbResponses.ToAppendResult(response));
    }

    [Fact]
    public void A_wrong_expected_version_answer_reports_the_actual_version()
    {
        var existing = new AppendResp { WrongExpectedVersion = new AppendResp.Types.WrongExpectedVersion { CurrentRevision = 4 } };
        var missing = new AppendResp { WrongExpectedVersion = new AppendResp.Types.WrongExpectedVersion { CurrentNoStream = new Empty() } };

        Assert.Equal(new AppendResult.WrongExpectedVersion(4), EventStoreDbResponses.ToAppendResult(existing));
        Assert.Equal(new AppendResult.WrongExpectedVersion(-1), EventStoreDbResponses.ToAppendResult(missing));
    }

    [Fact]
    public void Older_servers_report_the_actual_version_in_their_own_fields()
    {
        var response = new AppendResp { WrongExpectedVersion = new AppendResp.Types.WrongExpectedVersion { LegacyCurrentRevision = 9 } };

        Assert.Equal(new AppendResult.WrongExpectedVersion(9), EventStoreDbResponses.ToAppendResult(response));
    }

    [Fact]
    public void An_answer_without_a_result_is_a_typed_failure()
    {
        var error = Assert.Throws<EventStoreDbException>(() => EventStoreDbResponses.ToAppendResult(new AppendResp()));

        Assert.IsType<EventStoreDbFailure.Unexpected>(error.Failure);
    }

    [Theory]
    [InlineData("$metadata", true)]
    [InlineData("$>", true)]
    [InlineData("V1_ORDER_CREATED", false)]
    public void System_events_are_recognised_by_their_type(string type, bool isSystem)
    {
        var read = new StreamRecordedEvent { Metadata = { ["type"] = type } };

        Assert.Equal(isSystem, EventStoreDbResponses.IsSystemEvent(read.Metadata));
    }

    [Fact]
    public void Log_positions_order_by_commit_then_prepare()
    {
        Assert.True(new LogPosition(10, 5) > new LogPosition(9, 9));
        Assert.True(new LogPosition(10, 6) > new LogPosition(10, 5));
        Assert.Equal("10/5", new LogPosition(10, 5).ToString());
    }
}
