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
    /// Both read models in one embedded SQLite file at <paramref name="path"/> (e.g. <c>data/orders.read.db</c>):
    /// the stores, and the queries over them (<see cref="IOrderQueries"/>, <see cref="ISearchQueries"/>).
    /// </summary>
    public static IServiceCollection AddSqliteReadModels(this IServiceCollection services, string path)
    {
        services.AddSingleton(_ => new SqliteReadModelFile(path));
        services.AddSingleton<SqliteOrderDocumentStore>();
        services.AddSingleton<SqliteSearchStore>();
        services.AddSingleton<IProjectionStore<OrderDocument>>(s => s.GetRequiredService<SqliteOrderDocumentStore>());
        services.AddSingleton<IOrderQueries>(s => s.GetRequiredService<SqliteOrderDocumentStore>());
        services.AddSingleton<ISearchIndex>(s => s.GetRequiredService<SqliteSearchStore>());
        services.AddSingleton<ISearchQueries>(s => s.GetRequiredService<SqliteSearchStore>());
        return services;
    }

    /// <summary>
    /// The two projections over the registered <see cref="IProjectionStore{TDocument}"/> and <see cref="ISearchIndex"/> and the runner that keeps
    /// them up with the registered <c>IEventStore</c>, started and stopped with the host. Needs a
    /// <see cref="TimeProvider"/> and logging registered.
    /// </summary>
    public static IServiceCollection AddProjectionRunner(this IServiceCollection services, Action<ProjectionRunnerOptions>? configure = null)
    {
        var options = new ProjectionRunnerOptions();
        configure?.Invoke(options);
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
