using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Elastic;
using Orders.Specs.Projections.Contracts;

namespace Orders.Specs.Projections.Elastic;

/// <summary>The search store's contract against a real Elasticsearch server; skipped, spec by spec, when none is configured.</summary>
public sealed class ElasticSearchStoreContract : SearchStoreContract
{
    readonly ElasticSpecServer _server = new();
    readonly List<ElasticSearchStore> _opened = [];

    protected override string UnavailableReason => ElasticSpecServer.UnavailableReason;

    protected override Task<IProjectionStore<OrderDocument>?> OpenAsync()
    {
        if (_server.Client() is not { } client)
            return Task.FromResult<IProjectionStore<OrderDocument>?>(null);
        var store = new ElasticSearchStore(client, _server.Index);
        _opened.Add(store);
        return Task.FromResult<IProjectionStore<OrderDocument>?>(store);
    }

    protected override Task RefreshAsync() => _server.RefreshAsync(_server.Index);

    protected override async Task DropAsync()
    {
        await _server.DeleteAsync(_server.Index, ElasticSearchStore.StateIndexOf(_server.Index));
        foreach (var store in _opened)
            store.Dispose();
    }
}
