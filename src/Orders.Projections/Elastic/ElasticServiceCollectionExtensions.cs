using Elastic.Clients.Elasticsearch;
using Microsoft.Extensions.DependencyInjection;
using Orders.Projections.Search;

namespace Orders.Projections.Elastic;

public static class ElasticServiceCollectionExtensions
{
    /// <summary>Keeps the search documents in Elasticsearch: the projection's store and the queries search reads.</summary>
    public static IServiceCollection AddElasticSearchIndex(this IServiceCollection services, string url, string index)
    {
        services.AddSingleton(_ => new ElasticSearchStore(new ElasticsearchClient(new Uri(url)), index));
        services.AddSingleton<IProjectionStore<SearchDocument>>(sp => sp.GetRequiredService<ElasticSearchStore>());
        services.AddSingleton<ISearchQueries>(sp => sp.GetRequiredService<ElasticSearchStore>());
        return services;
    }
}
