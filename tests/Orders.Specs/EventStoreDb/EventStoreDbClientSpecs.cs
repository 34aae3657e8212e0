using Microsoft.Extensions.DependencyInjection;
using Orders.EventStore;
using Orders.EventStore.EventStoreDb;

namespace Orders.Specs.EventStoreDb;

/// <summary>The client's behaviour when no server answers, and its registration; no server needed.</summary>
public class EventStoreDbClientSpecs
{
    /// <summary>A loopback port nothing listens on: connections are refused at once.</summary>
    private static EventStoreDbSettings Unreachable() =>
        EventStoreDbConnectionString.Parse($"esdb://127.0.0.1:{ClosedPort()}?tls=false&defaultDeadline=5000");

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Short pauses and a short budget: nothing listens, so the outcome does not depend on the machine's speed (how
    /// many attempts fit in the budget does, so the specs do not look at that).
    /// </summary>
    private static readonly EventStoreDbRetry ShortBudget =
        new(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20), Budget: TimeSpan.FromMilliseconds(300));

    [Fact]
    public async Task An_unreachable_node_is_retried_then_reported_as_unavailable()
    {
        using var client = new EventStoreDbClient(Unreachable(), ShortBudget);

        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(
            () => client.ReadStreamAsync("order-1", CancellationToken.None));

        Assert.False(error.CredentialsRefused);
    }

    [Fact]
    public async Task An_append_to_an_unreachable_node_fails_rather_than_reporting_a_conflict()
    {
        using var client = new EventStoreDbClient(Unreachable(), ShortBudget);
        var events = new[] { new EventData(Guid.NewGuid(), "V1_ORDER_SUBMITTED", ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty) };

        await Assert.ThrowsAsync<EventStoreUnavailableException>(
            () => client.AppendAsync("order-1", ExpectedRevision.NoStream, events, CancellationToken.None));
    }

    [Fact]
    public async Task Seeds_that_all_refuse_connections_are_reported_as_unavailable()
    {
        var settings = EventStoreDbConnectionString.Parse(
            $"esdb://127.0.0.1:{ClosedPort()},127.0.0.1:{ClosedPort()}?tls=false&maxDiscoverAttempts=2&discoveryInterval=1");
        using var client = new EventStoreDbClient(settings, ShortBudget);

        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(
            () => client.ReadStreamAsync("order-1", CancellationToken.None));

        Assert.False(error.CredentialsRefused);
    }

    [Fact]
    public void Registration_provides_the_event_store_port()
    {
        using var provider = new ServiceCollection()
            .AddEventStoreDbEventStore("esdb://localhost:2113?tls=false")
            .BuildServiceProvider();

        Assert.IsType<EventStoreDbEventStore>(provider.GetRequiredService<IEventStore>());
        Assert.Equal(2113, provider.GetRequiredService<EventStoreDbSettings>().Seeds[0].Port);
    }

    [Fact]
    public void Registration_with_a_bad_connection_string_fails_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => new ServiceCollection().AddEventStoreDbEventStore("mongodb://localhost"));

        Assert.StartsWith("Orders:EventStore:ConnectionString: Invalid EventStoreDB connection string", error.Message, StringComparison.Ordinal);
    }
}
