using Wolverine;
using Wolverine.Http;

namespace Orders.Bench;

/// <summary>
/// The ceiling for create-order: a Wolverine POST endpoint that reads the same JSON body and answers a small JSON
/// document, with nothing behind it.
/// </summary>
public static class BaselineServer
{
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddWolverineHttp();
        builder.Host.UseWolverine(wolverine => wolverine.Discovery.IncludeAssembly(typeof(BaselineServer).Assembly));
        var app = builder.Build();
        app.MapGet("/health/live", () => Results.Ok());
        app.MapWolverineEndpoints();
        await app.RunAsync();
    }
}

public sealed record BaselineItem(string Id, string Title, string Description, int Quantity, decimal Price);

public sealed record BaselineOrder(BaselineItem[] ShopItems, string AccountEmail, string DeliveryAddress);

public sealed record BaselineAnswer(Guid OrderId, long Version);

public static class BaselineEndpoint
{
    [WolverinePost("/baseline/orders")]
    public static BaselineAnswer Post(BaselineOrder order) => new(Guid.CreateVersion7(), order.ShopItems.Length - 1);
}
