using Elastic.Clients.Elasticsearch;
using Microsoft.Extensions.DependencyInjection;
using Orders.Projections.Search;

namespace Orders.Projections.Elastic;

public static class ElasticServiceCollectionExtensions
{
    /// <summary>
    /// Keeps the search index in Elasticsearch: one store serves as the projection's store and as the search
    /// the API reads. Nothing connects until the first request, which creates the indices when missing.
    /// </summary>
    public static IServiceCollection AddElasticSearchIndex(this IServiceCollection services, string url, string index)
    {
        services.AddSingleton(_ => new ElasticSearchStore(ElasticClients.For(new Uri(url)), index));
        services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<ElasticSearchStore>());
        services.AddSingleton<ISearchQueries>(sp => sp.GetRequiredService<ElasticSearchStore>());
        return services;
    }
}
