using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orders.EventStore;
using Orders.Host.Commands;

namespace Orders.Host.Telemetry;

/// <summary>The service's own traces and metrics. Instrument names follow OpenTelemetry's dotted lower-case style.</summary>
public sealed class OrdersTelemetry : IDisposable
{
    public const string Name = "Orders";

    public static readonly ActivitySource Source = new(Name);

    readonly Meter _meter;
    readonly Counter<long> _commands;
    readonly Histogram<double> _commandDuration;
    readonly Counter<long> _eventsAppended;

    public OrdersTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _commands = _meter.CreateCounter<long>(
            "orders.commands", "{command}", "Commands handled, by command type and outcome.");
        _commandDuration = _meter.CreateHistogram<double>(
            "orders.command.duration", "s", "Time to validate, load, decide and append one command.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _eventsAppended = _meter.CreateCounter<long>(
            "orders.events.appended", "{event}", "Events appended to the event store, by event type.");
    }

    public Meter Meter => _meter;

    public void CommandHandled(Orders.Decider.OrderCommand command, CommandOutcome outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "command", CommandName.Of(command) }, { "outcome", CommandName.Of(outcome) } };
        _commands.Add(1, tags);
        _commandDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void EventsAppended(IEnumerable<EventData> events)
    {
        foreach (var type in events.GroupBy(e => e.Type))
            _eventsAppended.Add(type.Count(), new KeyValuePair<string, object?>("type", type.Key));
    }

    public void Dispose() => _meter.Dispose();
}
