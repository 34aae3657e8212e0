using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Orders.Specs.Operations;

/// <summary>The service on a SQLite folder of its own, for specs that need settings or services the shared host lacks.</summary>
public sealed class OwnHost : IAsyncDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "orders-ops-specs-" + Guid.NewGuid().ToString("N"));

    OwnHost() { }

    public IAlbaHost Host { get; private set; } = null!;

    public string EventLogPath => Path.Combine(_folder, "orders.db");

    public static async Task<OwnHost> StartAsync(
        IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        var host = new OwnHost();
        host.Host = await AlbaHost.For<Program>(web =>
        {
            web.UseSetting("Orders:Storage:Path", host.EventLogPath);
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
                web.UseSetting(key, value);
            web.ConfigureServices(collection =>
            {
                collection.DisableAllExternalWolverineTransports();
                services?.Invoke(collection);
            });
        });
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
