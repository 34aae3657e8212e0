using Orders.EventStore;
using Orders.EventStore.EventStoreDb;
using Orders.Specs.EventStore;

namespace Orders.Specs.EventStoreDb;

/// <summary>
/// The event-store contract against a real EventStoreDB when <c>Orders__EventStore__ConnectionString</c> is set;
/// without it every case is reported as skipped, by name.
/// </summary>
#pragma warning disable CA1001 // xunit disposes it through IAsyncLifetime.DisposeAsync, which disposes the client.
public sealed class EventStoreDbEventStoreContract : EventStoreContract
#pragma warning restore CA1001
{
    EventStoreDbClient? _client;

    protected override string UnavailableReason =>
        $"needs an EventStoreDB server (set {EventStoreDbServerFactAttribute.Variable})";

    protected override Task<IEventStore?> CreateStoreAsync()
    {
        if (EventStoreDbServerFactAttribute.ConnectionString is not { } connectionString)
            return Task.FromResult<IEventStore?>(null);
        _client = new EventStoreDbClient(EventStoreDbConnectionString.Parse(connectionString));
        return Task.FromResult<IEventStore?>(new EventStoreDbEventStore(_client));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _client?.Dispose();
    }
}
