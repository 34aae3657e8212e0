using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orders.Host.GrpcApi;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Runner;

namespace Orders.Specs.GrpcApi;

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

    /// <summary>The embedded read models and the runner that keeps them up with the log, as the read side wires them.</summary>
    public static void AddReadSide(IServiceCollection services, string path)
    {
        if (!services.Any(d => d.ServiceType == typeof(IOrderQueries)))
            services.AddSqliteReadModels(path);
        if (!services.Any(d => d.ServiceType == typeof(ProjectionRunner)))
            services.AddProjectionRunner();
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
