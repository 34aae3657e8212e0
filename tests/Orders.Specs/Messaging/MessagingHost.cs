using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orders.EventStore;
using Wolverine;

namespace Orders.Specs.Messaging;

/// <summary>The service on its embedded profile, in memory, listening and publishing on a <see cref="TestBroker"/>'s names.</summary>
public sealed class MessagingHost : IAsyncLifetime
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "orders-messaging-" + Guid.NewGuid().ToString("N"));

    public TestBroker Broker { get; private set; } = null!;

    public IAlbaHost Host { get; private set; } = null!;

    public IEventStore EventStore => Host.Services.GetRequiredService<IEventStore>();

    public async Task InitializeAsync()
    {
        if (RabbitMqServerFactAttribute.Uri is null)
            return;
        Broker = await TestBroker.StartAsync();
        Host = await AlbaHost.For<Program>(web =>
        {
            web.UseSetting("Orders:Storage:Path", Path.Combine(_folder, "orders.db"));
            foreach (var (key, value) in Broker.HostSettings)
                web.UseSetting(key, value);
            web.ConfigureServices(services => services.DisableAllExternalWolverineTransports());
        });
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
            await Host.DisposeAsync();
        if (Broker is not null)
            await Broker.DisposeAsync();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
