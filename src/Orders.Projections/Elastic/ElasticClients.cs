using System.Text.Json;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace Orders.Projections.Elastic;

/// <summary>
/// The Elasticsearch client the stores use: its typed requests, with the documents written and read by
/// <see cref="ReadModelJson"/>, so that a document's source has exactly the fields the other stores keep.
/// </summary>
public static class ElasticClients
{
    public static ElasticsearchClient For(Uri url) => new(Settings(new SingleNodePool(url)));

    /// <summary>A client whose requests go to <paramref name="invoker"/> (the specs' in-memory transport).</summary>
    public static ElasticsearchClient For(NodePool nodes, IRequestInvoker invoker) =>
        new(new ElasticsearchClientSettings(nodes, invoker, (_, _) => new ReadModelSourceSerializer()));

    static ElasticsearchClientSettings Settings(NodePool nodes) => new(nodes, (_, _) => new ReadModelSourceSerializer());

    sealed class ReadModelSourceSerializer() : SystemTextJsonSerializer(new ReadModelOptions());

    sealed class ReadModelOptions : IJsonSerializerOptionsProvider
    {
        public JsonSerializerOptions CreateJsonSerializerOptions() => ReadModelJson.Default.Options;
    }
}
