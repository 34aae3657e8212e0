using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Orders.Projections;
using Orders.Projections.Elastic;
using Orders.Specs.Projections.Contracts;

namespace Orders.Specs.Projections.Elastic;

/// <summary>
/// The checkpoint store against a real Elasticsearch server (<c>Orders__Search__Url</c>), in an index of its own that
/// is deleted afterwards. Skipped, spec by spec, when no server is configured: what it sends is pinned without one
/// by <see cref="ElasticRequestSpecs"/>, and what it makes of the answers by <see cref="ElasticStoreHttpSpecs"/>.
/// </summary>
public sealed class ElasticCheckpointStoreContract : CheckpointStoreContract
{
    const string Variable = "Orders__Search__Url";

    readonly string index = "orders-specs-state-" + Guid.NewGuid().ToString("N");
    readonly List<ElasticCheckpointStore> opened = [];

    ElasticsearchClient? client;

    protected override string UnavailableReason => $"Needs an Elasticsearch server: set {Variable} (e.g. http://localhost:9200).";

    protected override Task<ICheckpointStore?> OpenAsync(string follower)
    {
        if (ServerSetting(Variable) is not { } url)
            return Task.FromResult<ICheckpointStore?>(null);
        client ??= ElasticClients.For(new Uri(url));
        var store = new ElasticCheckpointStore(client, index, follower);
        opened.Add(store);
        return Task.FromResult<ICheckpointStore?>(store);
    }

    protected override async Task DropAsync()
    {
        if (client is null)
            return;
        await client.Transport.RequestAsync<StringResponse>(global::Elastic.Transport.HttpMethod.DELETE, "/" + index, CancellationToken.None);
        foreach (var store in opened)
            store.Dispose();
    }
}
