using Orders.EventStore;
using Orders.EventStore.EventStoreDb;
using static Orders.Specs.EventStoreDb.EventStoreDbWireSpecs;

namespace Orders.Specs.EventStoreDb;

/// <summary>
/// A fact that runs against a real EventStoreDB cluster when <c>ORDERS_TEST_EVENTSTOREDB_CLUSTER</c> holds its
/// connection string (its seeds), and is reported as skipped, by name, when it does not. Killing nodes under load is
/// measured by <c>bench/FailoverBench</c>, not here.
/// </summary>
public sealed class EventStoreDbClusterFactAttribute : FactAttribute
{
    public const string Variable = "ORDERS_TEST_EVENTSTOREDB_CLUSTER";

    public EventStoreDbClusterFactAttribute()
    {
        if (ConnectionString is null)
            Skip = $"needs an EventStoreDB cluster (set {Variable})";
    }

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
}

/// <summary>The client against a real cluster: discovery through the seeds, and the leader for writes and decisions.</summary>
public sealed class EventStoreDbClusterServerSpecs : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    private static EventStoreDbClient Client(string extra = "")
    {
        var connectionString = EventStoreDbClusterFactAttribute.ConnectionString ?? "esdb://localhost:2113?tls=false";
        return new EventStoreDbClient(EventStoreDbConnectionString.Parse(
            connectionString + (extra.Length == 0 ? "" : (connectionString.Contains('?', StringComparison.Ordinal) ? "&" : "?") + extra)));
    }

    [EventStoreDbClusterFact]
    public async Task A_write_through_the_seeds_reads_back_with_its_event_ids()
    {
        using var client = Client();
        var stream = $"order-{Guid.NewGuid()}";
        EventData[] events = [Event("V1_ORDER_CREATED"), Event("V1_ORDER_PAID")];

        var result = await client.AppendAsync(stream, ExpectedRevision.NoStream, events, Ct);

        Assert.Equal(1, Assert.IsType<AppendResult.Appended>(result).Version);
        Assert.Equal(events.Select(e => e.EventId), (await client.ReadStreamAsync(stream, Ct)).Select(e => e.EventId));
    }

    /// <summary>
    /// Create, pay and submit in immediate sequence, 8 orders at once, through a client that prefers followers: each
    /// step reads the stream to decide, and a read that lagged the leader would expect the wrong version.
    /// </summary>
    [EventStoreDbClusterFact]
    public async Task A_follower_first_client_still_writes_and_decides_on_the_leader()
    {
        using var client = Client("nodePreference=follower");

        var conflicts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var stream = $"order-{Guid.NewGuid()}";
            var stale = 0;
            foreach (var type in new[] { "V1_ORDER_CREATED", "V1_ORDER_PAID", "V1_ORDER_SUBMITTED" })
            {
                var loaded = await client.ReadStreamAsync(stream, Ct);
                var expected = loaded.Count == 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exactly((ulong)loaded.Count - 1);
                if (await client.AppendAsync(stream, expected, [Event(type)], Ct) is AppendResult.WrongExpectedVersion)
                    stale++;
            }
            return (stale, (await client.ReadStreamAsync(stream, Ct)).Count);
        }));

        Assert.All(conflicts, c => Assert.Equal((0, 3), c));
    }

    public void Dispose() => _timeout.Dispose();
}
