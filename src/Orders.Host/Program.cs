var builder = WebApplication.CreateBuilder(args);

var app = builder.Build();

app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));

await app.RunAsync();

/// <summary>The host's entry point, visible to the specs' test server.</summary>
public partial class Program;
