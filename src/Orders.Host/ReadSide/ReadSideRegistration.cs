using Orders.Host.Configuration;
using Orders.Projections;
using Orders.Projections.Elastic;
using Orders.Projections.Mongo;

namespace Orders.Host.ReadSide;

/// <summary>The two read models, the stores they live in, and the runner that keeps them up with the log.</summary>
public static class ReadSideRegistration
{
    public static IServiceCollection AddOrdersReadSide(this IServiceCollection services, OrdersOptions options)
    {
        switch (options.Documents.Provider)
        {
            case DocumentsProvider.Sqlite:
                services.AddSqliteOrderDocuments(ReadModelPath(options.Storage.Path));
                break;
            case DocumentsProvider.Mongo:
                services.AddMongoOrderDocuments(options.Documents.ConnectionString, options.Documents.Database);
                break;
        }

        switch (options.Search.Provider)
        {
            case SearchProvider.Sqlite:
                services.AddSqliteSearch(SearchModelPath(options.Storage.Path));
                break;
            case SearchProvider.Elastic:
                services.AddElasticSearchIndex(options.Search.Url, options.Search.Index);
                break;
        }

        return services.AddProjectionRunner(options.Projections.ForInstance(options.InstanceId));
    }

    /// <summary><c>data/orders.db</c> keeps its order documents in <c>data/orders.read.db</c>.</summary>
    public static string ReadModelPath(string eventLogPath) => Beside(eventLogPath, ".read.db");

    /// <summary>
    /// <c>data/orders.db</c> keeps its search documents in <c>data/orders.search.db</c>: a file of their own, so that
    /// both read models commit at once rather than taking turns at one SQLite writer.
    /// </summary>
    public static string SearchModelPath(string eventLogPath) => Beside(eventLogPath, ".search.db");

    static string Beside(string eventLogPath, string suffix) =>
        Path.Combine(Path.GetDirectoryName(eventLogPath) ?? "", Path.GetFileNameWithoutExtension(eventLogPath) + suffix);
}
