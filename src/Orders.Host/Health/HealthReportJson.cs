using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orders.Host.Health;

/// <summary>The probes' body: the overall status and each check's, so that an unready host says what it is waiting for.</summary>
public static class HealthReportJson
{
    public static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            durationMs = Milliseconds(report.TotalDuration),
            checks = report.Entries.Select(entry => new
            {
                name = entry.Key,
                status = entry.Value.Status.ToString(),
                description = entry.Value.Description,
                durationMs = Milliseconds(entry.Value.Duration),
            }),
        });

    static double Milliseconds(TimeSpan duration) => Math.Round(duration.TotalMilliseconds, 1);
}
