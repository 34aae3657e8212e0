using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orders.Host.Telemetry;

namespace Orders.Host.Messaging;

/// <summary>
/// Metrics of both directions over the broker, on the service's own meter, and whether each direction is connected
/// (readiness). Instrument names follow OpenTelemetry's dotted lower-case style.
/// </summary>
public sealed class MessagingTelemetry
{
    readonly Counter<long> _received;
    readonly Counter<long> _failed;
    readonly Counter<long> _deadLettered;
    readonly Counter<long> _published;
    readonly Histogram<double> _publishLag;
    readonly Dictionary<string, string?> _connections = new()
    {
        [CommandListener.Direction] = "not connected yet",
        [IntegrationEventPublisher.Direction] = "not connected yet",
    };

    public MessagingTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(OrdersTelemetry.Name);
        _received = meter.CreateCounter<long>(
            "orders.messaging.commands.received", "{message}", "Command messages taken from the queue, by command type.");
        _failed = meter.CreateCounter<long>(
            "orders.messaging.commands.failed", "{message}", "Command messages whose handling failed and were returned to the queue.");
        _deadLettered = meter.CreateCounter<long>(
            "orders.messaging.commands.dead_lettered", "{message}", "Command messages moved to the dead-letter queue, by reason.");
        _published = meter.CreateCounter<long>(
            "orders.messaging.events.published", "{event}", "Integration events the broker confirmed, by event type.");
        _publishLag = meter.CreateHistogram<double>(
            "orders.messaging.publish.lag", "s", "Time from an event's append to the broker's confirm of its integration event.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    public static readonly ActivitySource Source = OrdersTelemetry.Source;

    public void Received(string type) => _received.Add(1, new KeyValuePair<string, object?>("type", type));

    public void Failed(string type) => _failed.Add(1, new KeyValuePair<string, object?>("type", type));

    public void DeadLettered(string reason) => _deadLettered.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Published(string type, TimeSpan lag)
    {
        var tag = new KeyValuePair<string, object?>("type", type);
        _published.Add(1, tag);
        _publishLag.Record(Math.Max(0, lag.TotalSeconds), tag);
    }

    /// <summary>Records that a direction (<c>commands</c>, <c>events</c>) is connected (null) or why it is not.</summary>
    public void Connection(string direction, string? problem)
    {
        lock (_connections)
            _connections[direction] = problem;
    }

    /// <summary>Every direction's problem; empty when all are connected.</summary>
    public IReadOnlyDictionary<string, string> Problems()
    {
        lock (_connections)
            return _connections.Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value!);
    }
}
