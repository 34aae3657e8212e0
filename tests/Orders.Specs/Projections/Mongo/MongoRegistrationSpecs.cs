using Microsoft.Extensions.DependencyInjection;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Mongo;

namespace Orders.Specs.Projections.Mongo;

public sealed class MongoRegistrationSpecs
{
    [Fact]
    public async Task One_store_serves_the_projection_and_the_queries_without_connecting_until_asked()
    {
        await using var services = new ServiceCollection()
            .AddMongoOrderDocuments("mongodb://orders-documents.invalid:27017", "orders")
            .BuildServiceProvider();

        var store = services.GetRequiredService<IProjectionStore<OrderDocument>>();

        Assert.IsType<MongoOrderDocumentStore>(store);
        Assert.Same(store, services.GetRequiredService<IOrderQueries>());
    }
}
