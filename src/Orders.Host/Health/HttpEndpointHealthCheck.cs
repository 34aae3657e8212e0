using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;

namespace Orders.Host.Health;

/// <summary>A backend that reports its own health over HTTP: ready when it answers 2xx within the probe timeout.</summary>
public sealed class HttpEndpointHealthCheck(Uri endpoint) : IHealthCheck, IDisposable
{
    readonly HttpClient _client = new() { Timeout = HealthRegistration.ProbeTimeout };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Probes run every few seconds; tracing each would bury the spans of real requests.
        using var untraced = SuppressInstrumentationScope.Begin();
        try
        {
            using var response = await _client.GetAsync(endpoint, cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"{endpoint.Authority} answered {(int)response.StatusCode}")
                : HealthCheckResult.Unhealthy($"{endpoint.Authority} answered {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{endpoint.Authority} unreachable: {ex.Message}", ex);
        }
    }

    public void Dispose() => _client.Dispose();
}
