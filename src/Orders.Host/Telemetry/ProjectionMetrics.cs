using System.Diagnostics.Metrics;
using Orders.Projections.Runner;

namespace Orders.Host.Telemetry;

/// <summary>
/// Projection lag and parked events as gauges. Measuring lag reads the log, so it is done every few seconds in the
/// background rather than on each scrape; the gauges report the last reading.
/// </summary>
public sealed class ProjectionMetrics : BackgroundService
{
    static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    readonly ProjectionRunner _runner;
    readonly ILogger<ProjectionMetrics> _logger;
    volatile ProjectionRunnerStatus? _last;

    public ProjectionMetrics(ProjectionRunner runner, OrdersTelemetry telemetry, ILogger<ProjectionMetrics> logger)
    {
        _runner = runner;
        _logger = logger;
        telemetry.Meter.CreateObservableGauge("orders.projection.lag.events",
            () => Each(p => p.EventsBehind), "{event}", "Order events in the log that the projection has not applied yet.");
        telemetry.Meter.CreateObservableGauge("orders.projection.lag.seconds",
            () => Each(p => p.TimeBehind.TotalSeconds), "s", "How long the oldest event the projection has not applied has waited.");
        telemetry.Meter.CreateObservableGauge("orders.projection.parked.events",
            () => Each(p => (long)p.ParkedCount), "{event}", "Events parked by the projection, with those held behind them.");
    }

    /// <summary>The last reading, for readiness.</summary>
    public ProjectionRunnerStatus? Last => _last;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                _last = await _runner.GetStatusAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Could not read the projections' status");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    IEnumerable<Measurement<T>> Each<T>(Func<ProjectionStatus, T> value) where T : struct =>
        _last?.Projections.Select(p => new Measurement<T>(value(p), new KeyValuePair<string, object?>("projection", p.Name))) ?? [];
}
