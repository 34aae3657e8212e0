using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orders.Host.Configuration;

namespace Orders.Host.GrpcApi;

/// <summary>
/// The gRPC API's wiring. gRPC needs HTTP/2, and without TLS Kestrel cannot offer HTTP/1.1 and HTTP/2 on one port
/// (there is no ALPN to choose by), so gRPC has a port of its own that speaks HTTP/2 only: any address the host
/// listens on (<c>--urls</c>, <c>ASPNETCORE_URLS</c>) whose port is <c>Orders:Grpc:Port</c>.
/// Every other address keeps its HTTP/1.1 default, and <c>--urls</c> alone decides what is listened on.
/// </summary>
public static class OrdersGrpcRegistration
{
    /// <summary>
    /// With no address configured (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>), listens on
    /// http://localhost:5000 for HTTP/1.1 and http://localhost:5001 for gRPC, so a bare <c>dotnet run</c> serves both.
    /// </summary>
    public static WebApplicationBuilder UseDefaultOrdersUrls(this WebApplicationBuilder builder, GrpcOptions grpc)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"])
            && string.IsNullOrEmpty(builder.Configuration["https_ports"]))
            builder.WebHost.UseUrls("http://localhost:5000", $"http://localhost:{grpc.Port}");
        return builder;
    }

    public static IServiceCollection AddOrdersGrpc(this IServiceCollection services)
    {
        services.AddGrpc();
        services.AddGrpcReflection();
        services.TryAddScoped<OrderGrpcService>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<OrdersOptions>>((kestrel, orders) =>
        {
            var port = orders.Value.Grpc.Port;
            kestrel.ConfigureEndpointDefaults(endpoint =>
            {
                if (endpoint.IPEndPoint?.Port == port)
                    endpoint.Protocols = HttpProtocols.Http2;
            });
        });
        return services;
    }

    /// <summary>
    /// Once the host listens, one line says where, and which address speaks what: Kestrel's own "Now listening on"
    /// lines do not tell the REST addresses from the gRPC one (Development leaves those out, so this is the first).
    /// </summary>
    public static WebApplication LogWhereItListens(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var port = app.Services.GetRequiredService<IOptions<OrdersOptions>>().Value.Grpc.Port;
            var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            var grpc = addresses.Where(a => BindingAddress.Parse(a).Port == port).ToList();
            app.Logger.LogInformation("Listening: REST {RestAddresses} (docs at /docs), gRPC {GrpcAddresses}; {Environment} environment",
                string.Join(", ", addresses.Except(grpc)), grpc.Count > 0 ? string.Join(", ", grpc) : $"none (no address on port {port})",
                app.Environment.EnvironmentName);
        });
        return app;
    }

    /// <summary>The service, and in Development the reflection service that tools such as grpcurl list it with.</summary>
    public static IEndpointRouteBuilder MapOrdersGrpc(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<OrderGrpcService>();
        if (endpoints.ServiceProvider.GetRequiredService<IWebHostEnvironment>().IsDevelopment())
            endpoints.MapGrpcReflectionService();
        return endpoints;
    }
}
