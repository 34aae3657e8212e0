using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orders.Host.Messaging;

/// <summary>Ready when both directions hold an open connection to the broker.</summary>
public sealed class MessagingHealthCheck(MessagingTelemetry telemetry, MessagingOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = telemetry.Problems();
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy($"Connected to {options.BrokerForDisplay}.")
            : HealthCheckResult.Unhealthy(
                $"Not connected to {options.BrokerForDisplay}: " + string.Join("; ", problems.Select(p => $"{p.Key}: {p.Value}"))));
    }
}
