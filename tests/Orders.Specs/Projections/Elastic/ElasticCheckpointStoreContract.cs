using Orders.Projections;
using Orders.Projections.Elastic;
using Orders.Specs.Projections.Contracts;

namespace Orders.Specs.Projections.Elastic;

/// <summary>
/// The checkpoint store against a real Elasticsearch server; skipped, spec by spec, when none is configured. What it
/// sends is pinned without one by <see cref="ElasticRequestSpecs"/>, and what it makes of the answers by
/// <see cref="ElasticStoreHttpSpecs"/>.
/// </summary>
public sealed class ElasticCheckpointStoreContract : CheckpointStoreContract
{
    readonly ElasticSpecServer server = new();
    readonly List<ElasticCheckpointStore> opened = [];

    protected override string UnavailableReason => ElasticSpecServer.UnavailableReason;

    protected override Task<ICheckpointStore?> OpenAsync(string follower)
    {
        if (server.Client() is not { } client)
            return Task.FromResult<ICheckpointStore?>(null);
        var store = new ElasticCheckpointStore(client, server.Index, follower);
        opened.Add(store);
        return Task.FromResult<ICheckpointStore?>(store);
    }

    protected override async Task DropAsync()
    {
        await server.DeleteAsync(server.Index);
        foreach (var store in opened)
            store.Dispose();
    }
}
