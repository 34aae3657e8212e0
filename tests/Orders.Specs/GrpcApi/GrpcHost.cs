using Alba;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orders.EventStore;
using Orders.Host.GrpcApi;
using Orders.Host.GrpcApi.Contract;
using Wolverine;

namespace Orders.Specs.GrpcApi;

/// <summary>
/// The whole service on its embedded profile, in memory, with a real gRPC client over the test server's HTTP/2
/// handler.
/// </summary>
public sealed class GrpcHost : IAsyncLifetime
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "orders-grpc-specs-" + Guid.NewGuid().ToString("N"));
    GrpcChannel _channel = null!;

    public IAlbaHost Host { get; private set; } = null!;

    public orderService.orderServiceClient Client { get; private set; } = null!;

    public IEventStore EventStore => Host.Services.GetRequiredService<IEventStore>();

    public async Task InitializeAsync()
    {
        Host = await AlbaHost.For<Program>(web =>
        {
            web.UseSetting("Orders:Storage:Path", Path.Combine(_folder, "orders.db"));
            web.ConfigureServices(services => services.DisableAllExternalWolverineTransports());
        });
        _channel = GrpcChannel.ForAddress(
            Host.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Host.Server.CreateHandler() });
        Client = new orderService.orderServiceClient(_channel);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await Host.DisposeAsync();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class GrpcHostCollection : ICollectionFixture<GrpcHost>
{
    public const string Name = "orders host over gRPC";
}
