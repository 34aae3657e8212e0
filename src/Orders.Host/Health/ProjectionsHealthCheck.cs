using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orders.Projections.Runner;

namespace Orders.Host.Health;

/// <summary>
/// Ready while the projection runner follows the log. Parked events leave it ready (they are an operator's matter,
/// listed under /admin) but are named in the description; a runner recovering from a failing store is not ready.
/// </summary>
public sealed class ProjectionsHealthCheck(ProjectionRunner runner) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (runner.ExecuteTask is { IsCompleted: true })
            return HealthCheckResult.Unhealthy("The projection runner has stopped.");
        var status = await runner.GetStatusAsync(cancellationToken);
        if (status.LastError is { } error)
            return HealthCheckResult.Unhealthy($"The projections are recovering from: {error}");
        var parked = status.Projections.Sum(p => p.ParkedCount);
        var behind = string.Join(", ", status.Projections.Select(p => $"{p.Name} {p.EventsBehind}{(p.EventsBehindIsAtLeast ? "+" : "")} behind"));
        return HealthCheckResult.Healthy(parked == 0 ? behind : $"{behind}; {parked} parked");
    }
}
