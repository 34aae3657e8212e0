using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orders.Projections.Documents;
using Orders.Projections.Runner;
using Orders.Projections.Search;
using Orders.Projections.Sqlite;

namespace Orders.Projections;

/// <summary>How a host wires the read side: stores per provider, then the runner over whichever stores it chose.</summary>
public static class ProjectionServices
{
    /// <summary>
    /// Both read models embedded, each in a SQLite file of its own (e.g. <c>data/orders.read.db</c> and
    /// <c>data/orders.search.db</c>), so that their commits do not wait for each other: the stores, and the queries
    /// over them (<see cref="IOrderQueries"/>, <see cref="ISearchQueries"/>).
    /// </summary>
    public static IServiceCollection AddSqliteReadModels(this IServiceCollection services, string documentsPath, string searchPath) =>
        services.AddSqliteOrderDocuments(documentsPath).AddSqliteSearch(searchPath);

    /// <summary>The order documents in the SQLite file at <paramref name="path"/>, with their checkpoint.</summary>
    public static IServiceCollection AddSqliteOrderDocuments(this IServiceCollection services, string path)
    {
        services.AddKeyedSingleton(OrderDocumentProjection.Instance.Name, (_, _) => new SqliteReadModelFile(path));
        services.AddSingleton(s => new SqliteOrderDocumentStore(s.GetRequiredKeyedService<SqliteReadModelFile>(OrderDocumentProjection.Instance.Name)));
        services.AddSingleton<IProjectionStore<OrderDocument>>(s => s.GetRequiredService<SqliteOrderDocumentStore>());
        services.AddSingleton<IOrderQueries>(s => s.GetRequiredService<SqliteOrderDocumentStore>());
        return services;
    }

    /// <summary>The search index (whole order documents) in the SQLite file at <paramref name="path"/>, with their checkpoint.</summary>
    public static IServiceCollection AddSqliteSearch(this IServiceCollection services, string path)
    {
        services.AddKeyedSingleton(OrderDocumentProjection.Search.Name, (_, _) => new SqliteReadModelFile(path));
        services.AddSingleton(s => new SqliteSearchStore(s.GetRequiredKeyedService<SqliteReadModelFile>(OrderDocumentProjection.Search.Name)));
        services.AddSingleton<ISearchIndex>(s => s.GetRequiredService<SqliteSearchStore>());
        services.AddSingleton<ISearchQueries>(s => s.GetRequiredService<SqliteSearchStore>());
        return services;
    }

    /// <summary>
    /// The two projections over the registered <see cref="IProjectionStore{TDocument}"/> and <see cref="ISearchIndex"/> and the runner that keeps
    /// them up with the registered <c>IEventStore</c>, started and stopped with the host. Needs a
    /// <see cref="TimeProvider"/> and logging registered.
    /// </summary>
    public static IServiceCollection AddProjectionRunner(this IServiceCollection services, ProjectionRunnerOptions? options = null)
    {
        options ??= new ProjectionRunnerOptions();
        services.AddSingleton(options);
        services.AddSingleton<IReadModel>(s => new ReadModel<OrderDocument>(
            OrderDocumentProjection.Instance, s.GetRequiredService<IProjectionStore<OrderDocument>>(), options,
            s.GetRequiredService<TimeProvider>(), s.GetRequiredService<ILogger<ReadModel<OrderDocument>>>()));
        services.AddSingleton<IReadModel>(s => new ReadModel<OrderDocument>(
            OrderDocumentProjection.Search, s.GetRequiredService<ISearchIndex>(), options,
            s.GetRequiredService<TimeProvider>(), s.GetRequiredService<ILogger<ReadModel<OrderDocument>>>()));
        services.AddSingleton<ProjectionRunner>();
        services.AddHostedService(s => s.GetRequiredService<ProjectionRunner>());
        return services;
    }
}
