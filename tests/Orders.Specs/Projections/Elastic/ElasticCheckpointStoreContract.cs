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
    readonly ElasticSpecServer _server = new();
    readonly List<ElasticCheckpointStore> _opened = [];

    protected override string UnavailableReason => ElasticSpecServer.UnavailableReason;

    protected override Task<ICheckpointStore?> OpenAsync(string follower)
    {
        if (_server.Client() is not { } client)
            return Task.FromResult<ICheckpointStore?>(null);
        var store = new ElasticCheckpointStore(client, _server.Index, follower);
        _opened.Add(store);
        return Task.FromResult<ICheckpointStore?>(store);
    }

    protected override async Task DropAsync()
    {
        await _server.DeleteAsync(_server.Index);
        foreach (var store in _opened)
            store.Dispose();
    }
}
