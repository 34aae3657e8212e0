using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Elastic;
using Orders.Specs.Projections.Contracts;

namespace Orders.Specs.Projections.Elastic;

/// <summary>The search store's contract against a real Elasticsearch server; skipped, spec by spec, when none is configured.</summary>
public sealed class ElasticSearchStoreContract : SearchStoreContract
{
    readonly ElasticSpecServer server = new();
    readonly List<ElasticSearchStore> opened = [];

    protected override string UnavailableReason => ElasticSpecServer.UnavailableReason;

    protected override Task<IProjectionStore<OrderDocument>?> OpenAsync()
    {
        if (server.Client() is not { } client)
            return Task.FromResult<IProjectionStore<OrderDocument>?>(null);
        var store = new ElasticSearchStore(client, server.Index);
        opened.Add(store);
        return Task.FromResult<IProjectionStore<OrderDocument>?>(store);
    }

    protected override Task RefreshAsync() => server.RefreshAsync(server.Index);

    protected override async Task DropAsync()
    {
        await server.DeleteAsync(server.Index, ElasticSearchStore.StateIndexOf(server.Index));
        foreach (var store in opened)
            store.Dispose();
    }
}
