using Microsoft.Extensions.DependencyInjection;
using MongoDB.Driver;
using Orders.Projections.Documents;

namespace Orders.Projections.Mongo;

public static class MongoServiceCollectionExtensions
{
    /// <summary>Keyed, so that it neither takes nor replaces a client the host registers for something else.</summary>
    public const string ClientKey = "orders-documents";

    /// <summary>
    /// Keeps the order documents in MongoDB: one store serves as the projection's store and as the queries GET
    /// reads. Nothing connects until the first request; the container disposes the client on shutdown.
    /// </summary>
    public static IServiceCollection AddMongoOrderDocuments(this IServiceCollection services, string connectionString, string database)
    {
        services.AddKeyedSingleton<IMongoClient>(ClientKey, (_, _) => new MongoClient(connectionString));
        services.AddSingleton(sp => new MongoOrderDocumentStore(sp.GetRequiredKeyedService<IMongoClient>(ClientKey).GetDatabase(database)));
        services.AddSingleton<IProjectionStore<OrderDocument>>(sp => sp.GetRequiredService<MongoOrderDocumentStore>());
        services.AddSingleton<IOrderQueries>(sp => sp.GetRequiredService<MongoOrderDocumentStore>());
        return services;
    }
}
