using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orders.EventStore;
using Wolverine;

namespace Orders.Specs.Http;

/// <summary>The whole service on its embedded profile, in memory, over a fresh SQLite folder of its own.</summary>
public sealed class OrdersHost : IAsyncLifetime
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "orders-specs-" + Guid.NewGuid().ToString("N"));

    public const string AdminKey = "specs-admin-key";

    public IAlbaHost Host { get; private set; } = null!;

    public IEventStore EventStore => Host.Services.GetRequiredService<IEventStore>();

    public async Task InitializeAsync()
    {
        Host = await AlbaHost.For<Program>(web =>
        {
            web.UseSetting("Orders:Storage:Path", Path.Combine(_folder, "orders.db"));
            web.UseSetting("Orders:Admin:ApiKey", AdminKey);
            web.ConfigureServices(services => services.DisableAllExternalWolverineTransports());
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class OrdersHostCollection : ICollectionFixture<OrdersHost>
{
    public const string Name = "orders host";
}
