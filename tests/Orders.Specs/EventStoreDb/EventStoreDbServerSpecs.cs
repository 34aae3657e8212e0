using System.Text;
using Orders.EventStore;
using Orders.EventStore.EventStoreDb;

namespace Orders.Specs.EventStoreDb;

/// <summary>
/// What only EventStoreDB offers, against a real server (set <c>Orders__EventStore__ConnectionString</c>); the
/// port's promises are checked by <see cref="EventStoreDbEventStoreContract"/>. Each spec writes to streams under a
/// prefix of its own, so runs neither see nor disturb each other's events.
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
