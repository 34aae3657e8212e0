using JasperFx;
using JasperFx.CodeGeneration;
using Orders.EventStore;
using Orders.Host.GrpcApi;
using Orders.Host.Health;
using Orders.Host.Messaging;
using Orders.Host.Http;
using Orders.Host.ReadSide;
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

builder.Services.AddOrdersOptions();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<OrdersTelemetry>();
builder.Services.AddSingleton<OrderCommandRunner>();
builder.Services.AddOrdersEventStore(options);
builder.Services.AddOrdersReadSide(options);
builder.AddOrdersTelemetry();
builder.Services.AddHostedService<ProjectionMetrics>();
builder.Services.AddOrdersHealth(options);
builder.Services.AddOrdersMessaging(options);
builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = HttpErrors.AddCode);
// Wolverine logs a body that is not the route's JSON as an error under the body's type; it is the client's mistake,
// answered 400 malformed_request.
builder.Logging.AddFilter(typeof(OrderCommandEndpoints).FullName, LogLevel.None);
builder.Services.AddOrdersOpenApi();
builder.Services.AddWolverineHttp();
builder.Services.AddOrdersGrpc();
builder.UseDefaultOrdersUrls(options.Grpc);
builder.Services.ConfigureSystemTextJsonForWolverineOrMinimalApi(json => HttpJson.Configure(json.SerializerOptions));
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBodies.MaxBytes);

// Every Wolverine extension the host uses is registered here. Left to discover them, Wolverine loads every deployed
// assembly (the Elasticsearch and MongoDB clients included) to look, about 8 MiB mapped for nothing on the embedded
// profile.
builder.Host.UseWolverine(wolverine =>
{
    wolverine.Discovery.IncludeAssembly(typeof(OrderCommandRunner).Assembly);
    wolverine.Policies.ForwardHandledTypes(new OrderCommandsShareOneHandler());
    // Handlers are pre-generated (`dotnet run --project src/Orders.Host -- codegen write`) and loaded as they are;
    // in Development, code that is missing or stale is compiled and written out again.
    wolverine.CodeGeneration.TypeLoadMode =
        builder.Environment.IsDevelopment() ? TypeLoadMode.Auto : TypeLoadMode.Static;
}, ExtensionDiscovery.ManualOnly);

var app = builder.Build();

app.UseExceptionHandler(HttpErrors.Handle);
app.UseStatusCodePages();
app.UseMiddleware<RequestBodies>();
app.MapOpenApi();
app.MapScalarApiReference("/docs");
app.MapOrdersTelemetry();
app.MapOrdersHealth();
app.MapWolverineEndpoints();
app.MapOrdersGrpc();
app.MapOrdersAdmin(options.Admin.Key);
app.LogWhereItListens();

// "codegen write" and the other JasperFx commands pre-generate Wolverine's handler code. JasperFx's command runner
// writes its assembly scan ("Searching '…' for commands") straight to the console, not through a logger, so it
// runs only when a command is named; no arguments, or only options such as --urls, run the host.
if (args is [var command, ..] && !command.StartsWith('-'))
    return await app.RunJasperFxCommands(args);
await app.RunAsync();
return 0;

/// <summary>The host's entry point, visible to the specs' test server.</summary>
public partial class Program;
