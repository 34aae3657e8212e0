using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orders.EventStore;
using Orders.Specs.Http.ApiContract;
using Wolverine;

namespace Orders.Specs.Http;

/// <summary>
/// The whole service on its embedded profile, in memory, over a fresh SQLite folder of its own. Every answer the specs
/// receive is recorded, and when the collection is done each must be one the OpenAPI document describes.
/// </summary>
public sealed class OrdersHost : IAsyncLifetime
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "orders-specs-" + Guid.NewGuid().ToString("N"));

    public const string AdminKey = "specs-admin-key";

    public IAlbaHost Host { get; private set; } = null!;

    public IEventStore EventStore => Host.Services.GetRequiredService<IEventStore>();

    public RecordedResponses Responses { get; } = new();

    public async Task<OpenApiContract> ApiContractAsync()
    {
        var document = await Host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        return new OpenApiContract(await document.ReadAsTextAsync());
    }

    public async Task InitializeAsync()
    {
        Host = await AlbaHost.For<Program>(web =>
        {
            web.UseSetting("Orders:Storage:Path", Path.Combine(_folder, "orders.db"));
            web.UseSetting("Orders:Admin:ApiKey", AdminKey);
            web.ConfigureServices(services => services
                .DisableAllExternalWolverineTransports()
                .AddSingleton<IStartupFilter>(Responses));
        });
    }

    public async Task DisposeAsync()
    {
        var contract = await ApiContractAsync();
        var failures = Responses.All.SelectMany(response => contract.Check(response, out _)).ToList();
        await Host.DisposeAsync();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
        if (failures.Count > 0)
            throw new InvalidOperationException(
                "Answers the OpenAPI document does not describe:\n" + string.Join("\n", failures.Distinct()));
    }
}

[CollectionDefinition(Name)]
public sealed class OrdersHostCollection : ICollectionFixture<OrdersHost>
{
    public const string Name = "orders host";
}
