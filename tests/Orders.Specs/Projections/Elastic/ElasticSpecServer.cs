using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Orders.Projections.Elastic;

namespace Orders.Specs.Projections.Elastic;

/// <summary>
/// The Elasticsearch server the specs are pointed at (<c>Orders__Search__Url</c>), with index names of their own that
/// are deleted afterwards; no client when no server is configured.
/// </summary>
sealed class ElasticSpecServer
{
    const string Variable = "Orders__Search__Url";

    public const string UnavailableReason = $"Needs an Elasticsearch server: set {Variable} (e.g. http://localhost:9200).";

    ElasticsearchClient? _client;

    public string Index { get; } = "orders-specs-" + Guid.NewGuid().ToString("N");

    public ElasticsearchClient? Client() =>
        _client ??= Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url ? ElasticClients.For(new Uri(url)) : null;

    /// <summary>Makes what was written visible to search now, rather than at the index's next scheduled refresh.</summary>
    public async Task RefreshAsync(string index)
    {
        if (_client is not null)
            await _client.Indices.RefreshAsync(index);
    }

    public async Task DeleteAsync(params string[] indices)
    {
        if (_client is null)
            return;
        foreach (var index in indices)
            await _client.Transport.RequestAsync<StringResponse>(global::Elastic.Transport.HttpMethod.DELETE, "/" + index, CancellationToken.None);
    }
}
