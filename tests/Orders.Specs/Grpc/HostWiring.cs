using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orders.EventStore;
using Orders.Host.Grpc;
using Orders.Projections.Documents;
using Orders.Projections.Runner;
using Orders.Projections.Search;
using Orders.Projections.Sqlite;

namespace Orders.Specs.Grpc;

/// <summary>
/// What the specs add to the host when its Program does not wire it yet: the gRPC API and the embedded read side.
/// Each part steps aside once the host registers it itself, so the specs then run against the host's own wiring.
/// </summary>
static class HostWiring
{
    public static void AddGrpc(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(OrderGrpcService)))
            return;
        services.AddOrdersGrpc();
        services.AddTransient<IStartupFilter, MapOrdersGrpc>();
    }

    /// <summary>The SQLite read models and the runner that keeps them up with the log, on the system clock.</summary>
    public static void AddReadSide(IServiceCollection services, string path)
    {
        if (services.Any(d => d.ServiceType == typeof(IOrderQueries)))
            return;
        var options = new ProjectionRunnerOptions();
        services.AddSingleton(_ => new SqliteReadModelFile(path));
        services.AddSingleton<SqliteOrderDocumentStore>();
        services.AddSingleton<SqliteSearchStore>();
        services.AddSingleton<IOrderQueries>(sp => sp.GetRequiredService<SqliteOrderDocumentStore>());
        services.AddSingleton<ISearchQueries>(sp => sp.GetRequiredService<SqliteSearchStore>());
        services.AddSingleton<IReadModel>(sp => new ReadModel<OrderDocument>(
            OrderDocumentProjection.Instance, sp.GetRequiredService<SqliteOrderDocumentStore>(), options,
            TimeProvider.System, NullLogger<ReadModel<OrderDocument>>.Instance));
        services.AddSingleton<IReadModel>(sp => new ReadModel<SearchDocument>(
            SearchDocumentProjection.Instance, sp.GetRequiredService<SqliteSearchStore>(), options,
            TimeProvider.System, NullLogger<ReadModel<SearchDocument>>.Instance));
        services.AddHostedService(sp => new ProjectionRunner(
            sp.GetRequiredService<IEventStore>(), sp.GetServices<IReadModel>(), options,
            TimeProvider.System, NullLogger<ProjectionRunner>.Instance));
    }

    /// <summary>Maps the service ahead of the host's own endpoints, as <c>app.MapOrdersGrpc()</c> in Program would.</summary>
    sealed class MapOrdersGrpc : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseRouting();
            app.UseEndpoints(endpoints => endpoints.MapOrdersGrpc());
            next(app);
        };
    }
}
