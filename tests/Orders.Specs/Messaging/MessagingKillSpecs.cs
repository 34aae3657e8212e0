using System.Text.Json;
using Orders.Decider;
using Orders.EventStore.Sqlite;
using Orders.Specs.Durability;
using static Orders.Specs.Messaging.CommandEnvelopes;

namespace Orders.Specs.Messaging;

/// <summary>The host as a real process, killed with SIGKILL while commands wait in the queue and events go out.</summary>
public sealed class MessagingKillSpecs : IDisposable
{
    const int Orders = 100;
    const int AddressesPerOrder = 10;

    readonly string _folder = Path.Combine(Path.GetTempPath(), "orders-messaging-kill-" + Guid.NewGuid().ToString("N"));

    string StoragePath => Path.Combine(_folder, "orders.db");

    [RabbitMqServerFact]
    public async Task After_a_kill_minus_nine_every_queued_command_is_applied_once_and_every_event_is_published_in_stream_order()
    {
        await using var broker = await TestBroker.StartAsync();
        var orders = Enumerable.Range(0, Orders).Select(_ => Guid.CreateVersion7()).ToList();
        await using (var first = await HostProcess.StartAsync(StoragePath, broker.HostEnvironment))
        {
            foreach (var (order, i) in orders.Select((o, i) => (o, i)))
                await broker.SendAsync(CreateOrder($"create-{i}", order));
            await TestBroker.EventuallyAsync(() => Answered(broker) >= Orders, TimeSpan.FromSeconds(60), "every order created");
            await first.TerminateAsync();
        }

        // A thousand address changes wait in the queue; each appends an event, so a second application would show.
        var commands = orders
            .SelectMany((order, i) => Enumerable.Range(0, AddressesPerOrder).Select(k => (Id: $"address-{i}-{k}", Order: order, Address: $"{k} Queue St")))
            .ToList();
        foreach (var (id, order, address) in commands)
            await broker.SendAsync(ChangeDeliveryAddress(id, order, address));
        Assert.Equal((uint)commands.Count, await broker.CommandsWaitingAsync());

        var second = await HostProcess.StartAsync(StoragePath, broker.HostEnvironment);
        await TestBroker.EventuallyAsync(() => Answered(broker) >= Orders + 100, TimeSpan.FromSeconds(60), "some commands handled");
        await second.KillAsync();
        await second.DisposeAsync();
        Assert.True(Answered(broker) < Orders + commands.Count, "the host was killed with commands still queued");

        await using (var third = await HostProcess.StartAsync(StoragePath, broker.HostEnvironment))
        {
            await TestBroker.EventuallyAsync(() => Answered(broker) == Orders + commands.Count, TimeSpan.FromSeconds(120), "every command answered");
            await TestBroker.EventuallyAsync(() => broker.Events.Select(e => e.Properties.MessageId).Distinct().Count() >= Orders + commands.Count,
                TimeSpan.FromSeconds(60), "every event published");
            await third.TerminateAsync();
        }

        await using var store = new SqliteEventStore(StoragePath, TimeProvider.System);
        var published = broker.Events.ToList();
        foreach (var order in orders)
        {
            var stream = await store.ReadStreamAsync(OrderStream.Name(order));
            var addresses = stream.Skip(1).Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("deliveryAddress").GetString());
            Assert.Equal(Enumerable.Range(0, AddressesPerOrder).Select(k => $"{k} Queue St"), addresses.Order());

            // At least once, in stream order: after dropping repeats, each order's events arrived as 0, 1, 2, …
            var firstArrivals = published
                .Where(p => p.Header("order-id") == order.ToString())
                .Select(p => p.Properties.MessageId)
                .Distinct()
                .ToList();
            Assert.Equal(stream.Select(e => e.EventId.ToString()), firstArrivals);
        }
    }

    static int Answered(TestBroker broker) => broker.Replies.Select(r => r.Properties.CorrelationId).Distinct().Count();

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
