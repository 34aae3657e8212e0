using Microsoft.Extensions.DependencyInjection;
using Orders.Projections;
using Orders.Projections.Elastic;
using Orders.Projections.Search;

namespace Orders.Specs.Projections.Elastic;

public sealed class ElasticRegistrationSpecs
{
    [Fact]
    public async Task One_store_serves_the_projection_and_the_search_without_connecting_until_asked()
    {
        await using var services = new ServiceCollection()
            .AddElasticSearchIndex("http://orders-search.invalid:9200", "orders")
            .BuildServiceProvider();

        var store = services.GetRequiredService<ISearchIndex>();

        Assert.IsType<ElasticSearchStore>(store);
        Assert.Same(store, services.GetRequiredService<ISearchQueries>());
    }
}
