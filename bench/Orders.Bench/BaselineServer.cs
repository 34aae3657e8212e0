using JasperFx;
using JasperFx.CodeGeneration;
using Wolverine;
using Wolverine.Http;

namespace Orders.Bench;

/// <summary>
/// The ceiling for create-order: a Wolverine POST endpoint that reads the same JSON body and answers a small JSON
/// document, with nothing behind it. Its handler is pre-generated (in <c>Internal/Generated</c>, written by
/// <c>dotnet run --project bench/Orders.Bench -- baseline-server codegen write</c>) and loaded as it is, as the host
/// loads its own: no compiler at run time, so the ceiling is the same kind of build as the host it is compared with.
/// </summary>
public static class BaselineServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddWolverineHttp();
        builder.Host.UseWolverine(wolverine =>
        {
            wolverine.Discovery.IncludeAssembly(typeof(BaselineServer).Assembly);
            wolverine.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
        });
        var app = builder.Build();
        app.MapGet("/health/live", () => Results.Ok());
        app.MapWolverineEndpoints();
        if (args is ["codegen", ..])
            return await app.RunJasperFxCommands(args);
        await app.RunAsync();
        return 0;
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
