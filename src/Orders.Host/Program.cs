using JasperFx.CodeGeneration;
using Orders.Host.EventStore;
using Orders.Host.Health;
using Orders.Host.Http;
using Orders.Host.Commands;
using Orders.Host.Configuration;
using Orders.Host.Telemetry;
using Scalar.AspNetCore;
using Wolverine;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);

OrdersOptions options;
try
{
    options = OrdersConfiguration.Read(builder.Configuration);
}
catch (OrdersConfigurationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

builder.Services.AddSingleton(options);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<OrdersTelemetry>();
builder.Services.AddSingleton<OrderCommandRunner>();
builder.Services.AddOrdersEventStore(options);
builder.AddOrdersTelemetry();
builder.Services.AddOrdersHealth(options);
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddWolverineHttp();
builder.Services.ConfigureSystemTextJsonForWolverineOrMinimalApi(json => HttpJson.Configure(json.SerializerOptions));
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = HttpLimits.MaxBodyBytes);

builder.Host.UseWolverine(wolverine =>
{
    wolverine.Discovery.IncludeAssembly(typeof(OrderCommandRunner).Assembly);
    wolverine.CodeGeneration.TypeLoadMode = TypeLoadMode.Auto;
});

var app = builder.Build();

app.UseExceptionHandler(HttpErrors.Handle);
app.UseMiddleware<JsonContentTypeMiddleware>();
app.MapOpenApi();
app.MapScalarApiReference("/docs");
app.MapOrdersTelemetry();
app.MapOrdersHealth();
app.MapWolverineEndpoints();

await app.RunAsync();
return 0;

/// <summary>The host's entry point, visible to the specs' test server.</summary>
public partial class Program;
