using Orders.Host.Configuration;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Elastic;
using Orders.Projections.Mongo;
using Orders.Projections.Runner;
using Orders.Projections.Search;
using Orders.Projections.Sqlite;

namespace Orders.Host.ReadSide;

/// <summary>The two read models, the stores they live in, and the runner that keeps them up with the log.</summary>
public static class ReadSideRegistration
{
    public static IServiceCollection AddOrdersReadSide(this IServiceCollection services, OrdersOptions options)
    {
        if (options.Documents.Provider == DocumentsProvider.Sqlite || options.Search.Provider == SearchProvider.Sqlite)
            services.AddSingleton(_ => new SqliteReadModelFile(ReadModelPath(options.Storage.Path)));

        switch (options.Documents.Provider)
        {
            case DocumentsProvider.Sqlite:
                services.AddSingleton<SqliteOrderDocumentStore>();
                services.AddSingleton<IProjectionStore<OrderDocument>>(sp => sp.GetRequiredService<SqliteOrderDocumentStore>());
                services.AddSingleton<IOrderQueries>(sp => sp.GetRequiredService<SqliteOrderDocumentStore>());
                break;
            case DocumentsProvider.Mongo:
                services.AddMongoOrderDocuments(options.Documents.ConnectionString, options.Documents.Database);
                break;
        }

        switch (options.Search.Provider)
        {
            case SearchProvider.Sqlite:
                services.AddSingleton<SqliteSearchStore>();
                services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<SqliteSearchStore>());
                services.AddSingleton<ISearchQueries>(sp => sp.GetRequiredService<SqliteSearchStore>());
                break;
            case SearchProvider.Elastic:
                services.AddElasticSearchIndex(options.Search.Url, options.Search.Index);
                break;
        }

        return services.AddProjectionRunner();
    }

    /// <summary><c>data/orders.db</c> keeps its read models in <c>data/orders.read.db</c>.</summary>
    public static string ReadModelPath(string eventLogPath) =>
        Path.Combine(Path.GetDirectoryName(eventLogPath) ?? "", Path.GetFileNameWithoutExtension(eventLogPath) + ".read.db");
}
