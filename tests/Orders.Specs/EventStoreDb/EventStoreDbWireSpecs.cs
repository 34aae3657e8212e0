using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orders.EventStore;
using Orders.EventStore.EventStoreDb;
using Orders.EventStore.EventStoreDb.Protocol;
using Orders.EventStore.EventStoreDb.Protocol.Streams;

namespace Orders.Specs.EventStoreDb;

/// <summary>The client's calls as they travel, against <see cref="FakeEventStoreDb"/>; no server needed.</summary>
public sealed class EventStoreDbWireSpecs
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    internal static EventData Event(string type) =>
        new(Guid.NewGuid(), type, "{}"u8.ToArray(), "{\"traceparent\":\"00-1-2-01\"}"u8.ToArray());

    private static ReadResp ReadEvent(string stream, ulong revision, ulong position, string type = "V1_ORDER_CREATED") => new()
    {
        Event = new ReadResp.Types.ReadEvent
        {
            Event = new ReadResp.Types.ReadEvent.Types.RecordedEvent
            {
                Id = EventStoreDbResponses.ToUuid(Guid.NewGuid()),
                StreamIdentifier = EventStoreDbRequests.StreamIdentifierOf(stream),
                StreamRevision = revision,
                CommitPosition = position,
                PreparePosition = position,
                Metadata = { ["type"] = type, ["content-type"] = "application/json", ["created"] = "0" },
                Data = ByteString.CopyFromUtf8("{}"),
            },
        },
    };

    internal static AppendResp Appended(ulong revision, ulong position) => new()
    {
        Success = new AppendResp.Types.Success
        {
            CurrentRevision = revision,
            Position = new AppendResp.Types.Position { CommitPosition = position, PreparePosition = position },
        },
    };

    [Fact]
    public async Task An_append_sends_options_then_one_message_per_event_with_credentials_and_a_deadline()
    {
        List<AppendReq> received = [];
        IHeaderDictionary? headers = null;
        await using var server = await FakeEventStoreDb.StartAsync(app => app.MapPost(FakeEventStoreDb.Append, async context =>
        {
            headers = context.Request.Headers;
            received = await FakeEventStoreDb.ReceiveAllAsync(context, AppendReq.Parser);
            await FakeEventStoreDb.SendAsync(context, Appended(revision: 1, position: 900));
            await FakeEventStoreDb.FinishAsync(context, StatusCode.OK);
        }));
        using var client = server.Client("esdb://admin:changeit@localhost:2113?tls=false&defaultDeadline=3000");
        EventData[] events = [Event("V1_ORDER_CREATED"), Event("V1_ORDER_PAID")];

        var result = await client.AppendAsync("order-1", ExpectedRevision.NoStream, events, Ct);

        Assert.Equal(new AppendResult.Appended(1, LogPosition.Of(900)), result);
        Assert.Equal(
            [AppendReq.ContentOneofCase.Options, AppendReq.ContentOneofCase.ProposedMessage, AppendReq.ContentOneofCase.ProposedMessage],
            received.Select(m => m.ContentCase));
        Assert.Equal(events.Select(e => e.EventId.ToString()), received.Skip(1).Select(m => m.ProposedMessage.Id.String));
        Assert.Equal("Basic YWRtaW46Y2hhbmdlaXQ=", headers!["authorization"].ToString());
        Assert.InRange(GrpcTimeout(headers["grpc-timeout"].ToString()), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(3));
    }

    /// <summary>The grpc-timeout header: an integer and a unit letter (hours down to nanoseconds).</summary>
    private static TimeSpan GrpcTimeout(string header)
    {
        var value = long.Parse(header[..^1], CultureInfo.InvariantCulture);
        return header[^1] switch
        {
            'H' => TimeSpan.FromHours(value),
            'M' => TimeSpan.FromMinutes(value),
            'S' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMilliseconds(value),
            'u' => TimeSpan.FromMicroseconds(value),
            'n' => TimeSpan.FromTicks(value / 100),
            var unit => throw new FormatException($"Unknown grpc-timeout unit '{unit}'."),
        };
    }

    [Fact]
    public async Task Without_credentials_no_authorization_header_is_sent()
    {
        var sawAuthorization = true;
        await using var server = await FakeEventStoreDb.StartAsync(app => app.MapPost(FakeEventStoreDb.Read, async context =>
        {
            sawAuthorization = context.Request.Headers.ContainsKey("authorization");
            await FakeEventStoreDb.ReceiveAllAsync(context, ReadReq.Parser);
            await FakeEventStoreDb.FinishAsync(context, StatusCode.OK);
        }));
        using var client = server.Client();

        await client.ReadStreamAsync("order-1", Ct);

        Assert.False(sawAuthorization);
    }

    [Fact]
    public async Task A_conflict_is_read_from_the_answer_or_from_the_trailers()
    {
        var calls = 0;
        await using var server = await FakeEventStoreDb.StartAsync(app => app.MapPost(FakeEventStoreDb.Append, async context =>
        {
            await FakeEventStoreDb.ReceiveAllAsync(context, AppendReq.Parser);
            if (Interlocked.Increment(ref calls) == 1)
            {
                await FakeEventStoreDb.SendAsync(context, new AppendResp
                {
                    WrongExpectedVersion = new AppendResp.Types.WrongExpectedVersion { CurrentRevision = 3 },
                });
                await FakeEventStoreDb.FinishAsync(context, StatusCode.OK);
            }
            else
            {
                await FakeEventStoreDb.FinishAsync(
                    context, StatusCode.FailedPrecondition,
                    ("exception", "wrong-expected-version"), ("stream-name", "order-1"), ("actual-version", "5"));
            }
        }));
        using var client = server.Client();

        var fromAnswer = await client.AppendAsync("order-1", ExpectedRevision.Exactly(1), [Event("V1_ORDER_PAID")], Ct);
        var fromTrailers = await client.AppendAsync("order-1", ExpectedRevision.Exactly(1), [Event("V1_ORDER_PAID")], Ct);

        Assert.Equal(new AppendResult.WrongExpectedVersion(3), fromAnswer);
        Assert.Equal(new AppendResult.WrongExpectedVersion(5), fromTrailers);
    }

    [Fact]
    public async Task A_repeated_append_answered_without_a_position_reads_the_position_back()
    {
        ReadReq? lookup = null;
        await using var server = await FakeEventStoreDb.StartAsync(app =>
        {
            app.MapPost(FakeEventStoreDb.Append, async context =>
            {
                await FakeEventStoreDb.ReceiveAllAsync(context, AppendReq.Parser);
                await FakeEventStoreDb.SendAsync(context, new AppendResp
                {
                    Success = new AppendResp.Types.Success { CurrentRevision = 1, NoPosition = new Empty() },
                });
                await FakeEventStoreDb.FinishAsync(context, StatusCode.OK);
            });
            app.MapPost(FakeEventStoreDb.Read, async context =>
            {
                lookup = await FakeEventStoreDb.ReceiveAsync(context, ReadReq.Parser);
                await FakeEventStoreDb.SendAsync(context, ReadEvent("order-1", 1, position: 4242));
                await FakeEventStoreDb.FinishAsync(context, StatusCode.OK);
            });
        });
        using var client = server.Client();

        var result = await client.AppendAsync("order-1", ExpectedRevision.NoStream, [Event("V1_ORDER_CREATED"), Event("V1_ORDER_PAID")], Ct);

        Assert.Equal(new AppendResult.Appended(1, LogPosition.Of(4242)), result);
        Assert.Equal(1UL, lookup!.Options.Stream.Revision);
        Assert.Equal(1UL, lookup.Options.Count);
    }

    [Fact]
    public async Task An_unavailable_node_is_retried_until_it_answers()
    {
        var calls = 0;
        await using var server = await FakeEventStoreDb.StartAsync(app => app.MapPost(FakeEventStoreDb.Append, async context =>
        {
            await FakeEventStoreDb.ReceiveAllAsync(context, AppendReq.Parser);
            if (Interlocked.Increment(ref calls) < 3)
            {
                await FakeEventStoreDb.FinishAsync(context, StatusCode.Unavailable);
                return;
            }
            await FakeEventStoreDb.SendAsync(context, Appended(revision: 0, position: 10));
            await FakeEventStoreDb.FinishAsync(context, StatusCode.OK);
        }));
        using var client = server.Client();

        var result = await client.AppendAsync("order-1", ExpectedRevision.NoStream, [Event("V1_ORDER_CREATED")], Ct);

        Assert.IsType<AppendResult.Appended>(result);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Other_failures_are_not_retried_and_arrive_typed()
    {
        var calls = 0;
        await using var server = await FakeEventStoreDb.StartAsync(app => app.MapPost(FakeEventStoreDb.Append, async context =>
        {
            Interlocked.Increment(ref calls);
            await FakeEventStoreDb.ReceiveAllAsync(context, AppendReq.Parser);
            await FakeEventStoreDb.FinishAsync(
                context, StatusCode.FailedPrecondition, ("exception", "stream-deleted"), ("stream-name", "order-1"));
        }));
        using var client = server.Client();

        var error = await Assert.ThrowsAsync<EventStoreDbException>(
            () => client.AppendAsync("order-1", ExpectedRevision.Any, [Event("V1_ORDER_PAID")], Ct));

        Assert.Equal(new EventStoreDbFailure.StreamDeleted("order-1"), error.Failure);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_stream_the_server_does_not_know_reads_as_empty()
    {
        await using var server = await FakeEventStoreDb.StartAsync(app => app.MapPost(FakeEventStoreDb.Read, async context =>
        {
            await FakeEventStoreDb.ReceiveAllAsync(context, ReadReq.Parser);
            await FakeEventStoreDb.SendAsync(context, new ReadResp
            {
                StreamNotFound = new ReadResp.Types.StreamNotFound { StreamIdentifier = EventStoreDbRequests.StreamIdentifierOf("order-1") },
            });
            await FakeEventStoreDb.FinishAsync(context, StatusCode.OK);
        }));
        using var client = server.Client();

        Assert.Empty(await client.ReadStreamAsync("order-1", Ct));
    }

    [Fact]
    public async Task Reading_all_leaves_out_the_event_at_the_given_position_and_system_events()
    {
        ReadReq? request = null;
        await using var server = await FakeEventStoreDb.StartAsync(app => app.MapPost(FakeEventStoreDb.Read, async context =>
        {
            request = await FakeEventStoreDb.ReceiveAsync(context, ReadReq.Parser);
            await FakeEventStoreDb.SendAsync(context, ReadEvent("order-1", 0, position: 100));
            await FakeEventStoreDb.SendAsync(context, ReadEvent("order-1", 1, position: 150, type: "$metadata"));
            await FakeEventStoreDb.SendAsync(context, ReadEvent("order-1", 1, position: 200));
            await FakeEventStoreDb.SendAsync(context, ReadEvent("order-2", 0, position: 300));
            await FakeEventStoreDb.FinishAsync(context, StatusCode.OK);
        }));
        using var client = server.Client();

        var events = await client.ReadAllAsync(LogPosition.Of(100), 1, "order-", Ct);

        Assert.Equal(2UL, request!.Options.Count);
        Assert.Equal([LogPosition.Of(200)], events.Select(e => e.Position));
    }

    [Fact]
    public async Task Stream_names_are_matched_to_the_prefix_case_sensitively_whatever_the_server_sends()
    {
        await using var server = await FakeEventStoreDb.StartAsync(app => app.MapPost(FakeEventStoreDb.Read, async context =>
        {
            await FakeEventStoreDb.ReceiveAllAsync(context, ReadReq.Parser);
            await FakeEventStoreDb.SendAsync(context, ReadEvent("ORDER-1", 0, position: 100));
            await FakeEventStoreDb.SendAsync(context, ReadEvent("order-2", 0, position: 200));
            await FakeEventStoreDb.FinishAsync(context, StatusCode.OK);
        }));
        using var client = server.Client();

        var events = await client.ReadAllAsync(null, 10, "order-", Ct);

        Assert.Equal(["order-2"], events.Select(e => e.StreamId));
    }

    [Fact]
    public async Task A_dropped_subscription_resumes_after_the_last_event_it_delivered()
    {
        var subscriptions = new List<ReadReq>();
        await using var server = await FakeEventStoreDb.StartAsync(app => app.MapPost(FakeEventStoreDb.Read, async context =>
        {
            var request = (await FakeEventStoreDb.ReceiveAsync(context, ReadReq.Parser))!;
            int attempt;
            lock (subscriptions)
            {
                subscriptions.Add(request);
                attempt = subscriptions.Count;
            }
            await FakeEventStoreDb.SendAsync(context, new ReadResp { Confirmation = new ReadResp.Types.SubscriptionConfirmation { SubscriptionId = "s" } });
            if (attempt == 1)
            {
                await FakeEventStoreDb.SendAsync(context, ReadEvent("order-1", 0, position: 100));
                await FakeEventStoreDb.SendAsync(context, new ReadResp { Checkpoint = new ReadResp.Types.Checkpoint { CommitPosition = 150, PreparePosition = 150 } });
                await FakeEventStoreDb.SendAsync(context, ReadEvent("order-1", 1, position: 200));
                await FakeEventStoreDb.FinishAsync(context, StatusCode.Unavailable);
                return;
            }
            await FakeEventStoreDb.SendAsync(context, ReadEvent("order-2", 0, position: 300));
            await FakeEventStoreDb.HoldOpenAsync(context);
        }));
        using var client = server.Client();
        var store = new EventStoreDbEventStore(client);
        using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var delivered = new List<RecordedEvent>();
        await foreach (var e in store.SubscribeToAllAsync(LogPosition.Of(50), "order-", reading.Token))
        {
            delivered.Add(e);
            if (delivered.Count == 3)
                break;
        }

        Assert.Equal([100UL, 200UL, 300UL], delivered.Select(e => e.Position.Commit));
        Assert.Equal([50UL, 200UL], subscriptions.Select(s => s.Options.All.Position.CommitPosition));
        Assert.All(subscriptions, s => Assert.Equal(ReadReq.Types.Options.CountOptionOneofCase.Subscription, s.Options.CountOptionCase));
    }

    [Fact]
    public async Task Cancelling_a_live_subscription_ends_it_as_cancelled()
    {
        await using var server = await FakeEventStoreDb.StartAsync(app => app.MapPost(FakeEventStoreDb.Read, async context =>
        {
            await FakeEventStoreDb.ReceiveAsync(context, ReadReq.Parser);
            await FakeEventStoreDb.SendAsync(context, new ReadResp { Confirmation = new ReadResp.Types.SubscriptionConfirmation { SubscriptionId = "s" } });
            await FakeEventStoreDb.HoldOpenAsync(context);
        }));
        using var client = server.Client();
        using var reading = new CancellationTokenSource();
        await using var events = new EventStoreDbEventStore(client).SubscribeToAllAsync(null, "order-", reading.Token).GetAsyncEnumerator(reading.Token);
        var waiting = events.MoveNextAsync().AsTask();

        await reading.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
