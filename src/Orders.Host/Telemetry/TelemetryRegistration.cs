using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Orders.Host.Telemetry;

/// <summary>
/// Traces, metrics and logs of the host. Traces and metrics go to an OTLP collector only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads that variable and its siblings itself); metrics are
/// always served for scraping at <c>/metrics</c>.
/// </summary>
public static class TelemetryRegistration
{
    public const string MetricsPath = "/metrics";

    /// <summary>Wolverine names its meter after the service (<c>Wolverine:&lt;service name&gt;</c>).</summary>
    const string WolverineMeters = "Wolverine:*";
    const string WolverineSource = "Wolverine";

    public static WebApplicationBuilder AddOrdersTelemetry(this WebApplicationBuilder builder)
    {
        ConfigureLogging(builder);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: OrdersTelemetry.Name,
                serviceVersion: typeof(TelemetryRegistration).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(OrdersTelemetry.Name, WolverineSource)
                    .AddAspNetCoreInstrumentation(http => http.Filter = context => !IsProbe(context.Request.Path))
                    .AddHttpClientInstrumentation();
                if (otlp)
                    tracing.AddOtlpExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(OrdersTelemetry.Name, WolverineMeters)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                    metrics.AddOtlpExporter();
            });
        return builder;
    }

    public static WebApplication MapOrdersTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    /// <summary>
    /// One JSON object per line in UTC where logs are collected by machines; the readable single-line form while
    /// developing.
    /// </summary>
    static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
            builder.Logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            });
        else
            builder.Logging.AddJsonConsole(console =>
            {
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffZ";
                console.IncludeScopes = true;
            });
    }

    /// <summary>Scrapes and probes arrive every few seconds; a span for each would bury the requests that matter.</summary>
    static bool IsProbe(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health");
}
