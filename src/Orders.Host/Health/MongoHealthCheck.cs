using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orders.Projections.Mongo;

namespace Orders.Host.Health;

/// <summary>Pings the documents database; an unreachable server fails after the probe timeout.</summary>
public sealed class MongoHealthCheck(string connectionString, string database) : IHealthCheck, IDisposable
{
    readonly MongoPing _ping = new(connectionString, database, HealthRegistration.ProbeTimeout);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await _ping.FailureAsync(cancellationToken) is { } failure
            ? HealthCheckResult.Unhealthy("MongoDB unreachable: " + failure.Message, failure)
            : HealthCheckResult.Healthy("MongoDB answered ping");

    public void Dispose() => _ping.Dispose();
}
