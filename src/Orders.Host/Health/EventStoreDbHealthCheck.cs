using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using Orders.EventStore.EventStoreDb;

namespace Orders.Host.Health;

/// <summary>
/// Ready while the leader answers an authenticated call over the same connection, TLS settings and credentials as
/// every command: a host that cannot write is not ready, whatever a node's own health page says.
/// </summary>
internal sealed class EventStoreDbHealthCheck(EventStoreDbClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Probes run every few seconds; tracing each would bury the spans of real requests.
        using var untraced = SuppressInstrumentationScope.Begin();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HealthRegistration.ProbeTimeout);
        try
        {
            await client.ProbeLeaderAsync(timeout.Token);
            return HealthCheckResult.Healthy("the leader answered");
        }
        catch (EventStoreDbException error) when (error.Failure is EventStoreDbFailure.Unauthenticated or EventStoreDbFailure.AccessDenied)
        {
            return HealthCheckResult.Unhealthy(EventStoreDbClient.CredentialsRefused(error).Message);
        }
        catch (EventStoreDbException error)
        {
            return HealthCheckResult.Unhealthy($"no leader reachable: {error.Failure}", error);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"no leader answered within {HealthRegistration.ProbeTimeout.TotalSeconds:0} s");
        }
    }
}
