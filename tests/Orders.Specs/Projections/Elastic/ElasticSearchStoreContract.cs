using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Elastic;
using Orders.Projections.Search;
using Orders.Specs.Projections.Contracts;

namespace Orders.Specs.Projections.Elastic;

/// <summary>
/// The search store's contract against a real Elasticsearch server (<c>Orders__Search__Url</c>), in indices of its
/// own that are deleted afterwards. Skipped, spec by spec, when no server is configured.
/// </summary>
public sealed class ElasticSearchStoreContract : SearchStoreContract
{
    const string Variable = "Orders__Search__Url";

    readonly string index = "orders-specs-" + Guid.NewGuid().ToString("N");
    readonly List<ElasticSearchStore> opened = [];

    ElasticsearchClient? client;

    protected override string UnavailableReason => $"Needs an Elasticsearch server: set {Variable} (e.g. http://localhost:9200).";

    protected override Task<IProjectionStore<OrderDocument>?> OpenAsync()
    {
        if (ServerSetting(Variable) is not { } url)
            return Task.FromResult<IProjectionStore<OrderDocument>?>(null);
        client ??= ElasticClients.For(new Uri(url));
        var store = new ElasticSearchStore(client, index);
        opened.Add(store);
        return Task.FromResult<IProjectionStore<OrderDocument>?>(store);
    }

    protected override async Task RefreshAsync()
    {
        if (client is not null)
            await client.Transport.RequestAsync<StringResponse>(global::Elastic.Transport.HttpMethod.POST, $"/{index}/_refresh", CancellationToken.None);
    }

    protected override async Task DropAsync()
    {
        if (client is null)
            return;
        foreach (var name in new[] { index, ElasticSearchStore.StateIndexOf(index) })
            await client.Transport.RequestAsync<StringResponse>(global::Elastic.Transport.HttpMethod.DELETE, "/" + name, CancellationToken.None);
        foreach (var store in opened)
            store.Dispose();
    }
}
