using Microsoft.Extensions.DependencyInjection;
using MongoDB.Driver;
using Orders.Projections.Documents;

namespace Orders.Projections.Mongo;

public static class MongoServiceCollectionExtensions
{
    /// <summary>Keeps the order documents in MongoDB: the projection's store and the queries GET reads.</summary>
    public static IServiceCollection AddMongoOrderDocuments(this IServiceCollection services, string connectionString, string database)
    {
        services.AddSingleton(_ => new MongoOrderDocumentStore(new MongoClient(connectionString).GetDatabase(database)));
        services.AddSingleton<IProjectionStore<OrderDocument>>(sp => sp.GetRequiredService<MongoOrderDocumentStore>());
        services.AddSingleton<IOrderQueries>(sp => sp.GetRequiredService<MongoOrderDocumentStore>());
        return services;
    }
}
