using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orders.Host.GrpcApi;

namespace Orders.Specs.GrpcApi;

/// <summary>
/// What the specs add to the host while its Program does not wire the gRPC API yet. It steps aside once the host
/// registers the API itself, so the specs then run against the host's own wiring.
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
