using System.Text;
using Orders.EventStore;
using Orders.Host.EventStore.EventStoreDb;

namespace Orders.Specs.EventStoreDb;

/// <summary>
/// The adapter against a real EventStoreDB (set <c>Orders__EventStore__ConnectionString</c>). Each spec writes to
/// streams under a prefix of its own, so runs neither see nor disturb each other's events.
/// </summary>
public sealed class EventStoreDbServerSpecs : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly EventStoreDbClient client;
    private readonly EventStoreDbEventStore store;
    private readonly string prefix = $"ordersspec{Guid.NewGuid():N}-";
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));

    public EventStoreDbServerSpecs()
    {
        client = new EventStoreDbClient(EventStoreDbConnectionString.Parse(
            EventStoreDbServerFactAttribute.ConnectionString ?? "esdb://localhost:2113?tls=false"));
        store = new EventStoreDbEventStore(client);
    }

    private CancellationToken Ct => timeout.Token;

    private string NewStream() => $"{prefix}{Guid.NewGuid()}";

    private static EventData Event(string type, string json = "{}") =>
        new(Guid.NewGuid(), type, Encoding.UTF8.GetBytes(json), "{\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"}"u8.ToArray());

    [EventStoreDbServerFact]
    public async Task Appended_events_are_read_back_in_order_with_type_data_and_metadata()
    {
        var stream = NewStream();
        var created = Event("V1_ORDER_CREATED", "{\"shopItems\":[],\"accountEmail\":\"a@b.c\",\"deliveryAddress\":\"x\"}");
        var paid = Event("V1_ORDER_PAID", "{\"paymentID\":\"p-1\",\"timestamp\":\"2024-05-01T10:00:00Z\"}");

        var result = await store.AppendAsync(stream, ExpectedVersion.NoStream, [created, paid], Ct);
        var read = await store.ReadStreamAsync(stream, Ct);

        var appended = Assert.IsType<AppendResult.Appended>(result);
        Assert.Equal(1, appended.Version);
        Assert.Equal(read[^1].Position, appended.Position);
        Assert.Equal([created.EventId, paid.EventId], read.Select(e => e.EventId));
        Assert.Equal([0L, 1L], read.Select(e => e.StreamVersion));
        Assert.Equal(["V1_ORDER_CREATED", "V1_ORDER_PAID"], read.Select(e => e.Type));
        Assert.Equal(paid.Data.ToArray(), read[1].Data.ToArray());
        Assert.Equal(paid.Metadata.ToArray(), read[1].Metadata.ToArray());
        Assert.All(read, e => Assert.Equal(stream, e.StreamId));
        Assert.True(read[1].Position > read[0].Position);
        Assert.InRange(read[0].Created, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [EventStoreDbServerFact]
    public async Task An_event_without_data_reads_back_as_zero_bytes()
    {
        var stream = NewStream();
        var submitted = new EventData(Guid.NewGuid(), "V1_ORDER_SUBMITTED", ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty);

        await store.AppendAsync(stream, ExpectedVersion.NoStream, [submitted], Ct);

        Assert.True((await store.ReadStreamAsync(stream, Ct)).Single().Data.IsEmpty);
    }

    [EventStoreDbServerFact]
    public async Task A_missing_stream_reads_as_empty()
    {
        Assert.Empty(await store.ReadStreamAsync(NewStream(), Ct));
    }

    [EventStoreDbServerFact]
    public async Task An_append_at_a_stale_version_is_a_conflict_reporting_the_actual_version()
    {
        var stream = NewStream();
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [Event("V1_ORDER_CREATED"), Event("V1_ORDER_PAID")], Ct);

        var stale = await store.AppendAsync(stream, ExpectedVersion.Exactly(0), [Event("V1_ORDER_SUBMITTED")], Ct);
        var recreate = await store.AppendAsync(stream, ExpectedVersion.NoStream, [Event("V1_ORDER_CREATED")], Ct);
        var missing = await store.AppendAsync(NewStream(), ExpectedVersion.Exactly(3), [Event("V1_ORDER_PAID")], Ct);

        Assert.Equal(new AppendResult.WrongExpectedVersion(1), stale);
        Assert.Equal(new AppendResult.WrongExpectedVersion(1), recreate);
        Assert.Equal(new AppendResult.WrongExpectedVersion(-1), missing);
        Assert.Equal(2, (await store.ReadStreamAsync(stream, Ct)).Count);
    }

    [EventStoreDbServerFact]
    public async Task Re_appending_the_same_events_at_the_same_place_returns_the_original_result_and_writes_nothing()
    {
        var stream = NewStream();
        EventData[] created = [Event("V1_ORDER_CREATED"), Event("V1_ORDER_PAID")];
        EventData[] submitted = [Event("V1_ORDER_SUBMITTED")];

        var first = await store.AppendAsync(stream, ExpectedVersion.NoStream, created, Ct);
        var firstSubmit = await store.AppendAsync(stream, ExpectedVersion.Exactly(1), submitted, Ct);
        var again = await store.AppendAsync(stream, ExpectedVersion.NoStream, created, Ct);
        var againSubmit = await store.AppendAsync(stream, ExpectedVersion.Exactly(1), submitted, Ct);

        Assert.Equal(first, again);
        Assert.Equal(firstSubmit, againSubmit);
        Assert.Equal(3, (await store.ReadStreamAsync(stream, Ct)).Count);
    }

    [EventStoreDbServerFact]
    public async Task A_batch_that_only_partly_repeats_an_earlier_one_is_a_conflict()
    {
        var stream = NewStream();
        EventData[] created = [Event("V1_ORDER_CREATED"), Event("V1_ORDER_PAID")];
        await store.AppendAsync(stream, ExpectedVersion.NoStream, created, Ct);

        var result = await store.AppendAsync(stream, ExpectedVersion.NoStream, [.. created, Event("V1_ORDER_SUBMITTED")], Ct);

        Assert.Equal(new AppendResult.WrongExpectedVersion(1), result);
    }

    [EventStoreDbServerFact]
    public async Task Reading_all_gives_only_prefixed_streams_in_log_order_strictly_after_a_position()
    {
        var first = NewStream();
        var second = NewStream();
        await store.AppendAsync(first, ExpectedVersion.NoStream, [Event("V1_ORDER_CREATED")], Ct);
        await store.AppendAsync($"other{prefix}{Guid.NewGuid()}", ExpectedVersion.NoStream, [Event("V1_ORDER_CREATED")], Ct);
        await store.AppendAsync($"{prefix.ToUpperInvariant()}{Guid.NewGuid()}", ExpectedVersion.NoStream, [Event("V1_ORDER_CREATED")], Ct);
        await store.AppendAsync(second, ExpectedVersion.NoStream, [Event("V1_ORDER_CREATED"), Event("V1_ORDER_PAID")], Ct);

        var all = await store.ReadAllAsync(null, 100, prefix, Ct);
        var afterFirst = await store.ReadAllAsync(all[0].Position, 100, prefix, Ct);
        var one = await store.ReadAllAsync(all[0].Position, 1, prefix, Ct);

        Assert.Equal([first, second, second], all.Select(e => e.StreamId));
        Assert.Equal(all.Select(e => e.Position).Order(), all.Select(e => e.Position));
        Assert.Equal(all.Skip(1).Select(e => e.EventId), afterFirst.Select(e => e.EventId));
        Assert.Equal([all[1].EventId], one.Select(e => e.EventId));
    }

    [EventStoreDbServerFact]
    public async Task A_subscription_catches_up_then_delivers_new_events_after_its_start()
    {
        var stream = NewStream();
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [Event("V1_ORDER_CREATED"), Event("V1_ORDER_PAID")], Ct);
        var history = await store.ReadAllAsync(null, 10, prefix, Ct);

        using var reading = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        reading.CancelAfter(Patience);
        var received = new List<RecordedEvent>();
        await using var events = store.SubscribeToAllAsync(history[0].Position, prefix, reading.Token).GetAsyncEnumerator(reading.Token);

        Assert.True(await events.MoveNextAsync());
        received.Add(events.Current);
        await store.AppendAsync(stream, ExpectedVersion.Exactly(1), [Event("V1_ORDER_SUBMITTED")], Ct);
        Assert.True(await events.MoveNextAsync());
        received.Add(events.Current);

        Assert.Equal(["V1_ORDER_PAID", "V1_ORDER_SUBMITTED"], received.Select(e => e.Type));
        Assert.Equal([1L, 2L], received.Select(e => e.StreamVersion));
    }

    [EventStoreDbServerFact]
    public async Task A_subscription_from_the_appended_position_delivers_only_later_events()
    {
        var stream = NewStream();
        var head = Assert.IsType<AppendResult.Appended>(
            await store.AppendAsync(stream, ExpectedVersion.NoStream, [Event("V1_ORDER_CREATED"), Event("V1_ORDER_PAID")], Ct));
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        reading.CancelAfter(Patience);
        await using var events = store.SubscribeToAllAsync(head.Position, prefix, reading.Token).GetAsyncEnumerator(reading.Token);

        var next = Event("V1_ORDER_SUBMITTED");
        await store.AppendAsync(stream, ExpectedVersion.Exactly(1), [next], Ct);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal(next.EventId, events.Current.EventId);
    }

    [EventStoreDbServerFact]
    public async Task Cancelling_a_live_subscription_ends_it()
    {
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var events = store.SubscribeToAllAsync(null, prefix, reading.Token).GetAsyncEnumerator(reading.Token);
        var waiting = events.MoveNextAsync().AsTask();

        await reading.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [EventStoreDbServerFact]
    public async Task A_persistent_subscription_delivers_each_event_once_when_acked_and_parks_a_poison_event()
    {
        var stream = NewStream();
        var options = new PersistentSubscriptionOptions($"{prefix}group", prefix) { MaxRetryCount = 2 };
        var subscription = new EventStoreDbPersistentSubscription(client, options);
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [Event("V1_ORDER_CREATED"), Event("POISON"), Event("V1_ORDER_PAID")], Ct);

        var applied = new List<string>();
        var poisonAttempts = 0;
        using var running = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        running.CancelAfter(Patience);
        var run = subscription.RunAsync((e, _) =>
        {
            try
            {
                if (e.Type == "POISON")
                {
                    poisonAttempts++;
                    throw new InvalidOperationException("cannot apply");
                }
                applied.Add(e.Type);
                return Task.CompletedTask;
            }
            finally
            {
                if (applied.Count == 2 && poisonAttempts > options.MaxRetryCount)
                    running.Cancel();
            }
        }, running.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.Equal(["V1_ORDER_CREATED", "V1_ORDER_PAID"], applied);
        Assert.Equal(options.MaxRetryCount + 1, poisonAttempts);
    }

    public void Dispose()
    {
        timeout.Dispose();
        client.Dispose();
    }
}
