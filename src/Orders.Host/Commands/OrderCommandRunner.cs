using System.Diagnostics;
using Orders.Decider;
using Orders.Decider.Serialization;
using Orders.EventStore;
using Orders.Host.Telemetry;

namespace Orders.Host.Commands;

/// <summary>
/// The one path every command takes, whatever edge it came in by: validate, then transact against the order's
/// stream (<see cref="EventSourcedDecider{TCommand,TEvent,TState,TError}"/>), measured and traced.
/// </summary>
public sealed class OrderCommandRunner(IEventStore store, OrdersTelemetry telemetry)
{
    public const int MaxAttempts = 3;

    static readonly EventCodec<OrderEvent> Codec = new(
        OrderEventCodec.TypeOf, e => OrderEventCodec.Encode(e), (type, data) => OrderEventCodec.Decode(type, data.Span));

    readonly EventSourcedDecider<OrderCommand, OrderEvent, OrderState, OrderError> _orders =
        new(store, OrderDecider.Decider, Codec, () => EventMetadata.FromCurrentActivity(), MaxAttempts);

    public async Task<CommandOutcome> RunAsync(OrderCommand command, long? expectedVersion, CancellationToken ct)
    {
        using var activity = OrdersTelemetry.Source.StartActivity($"command {CommandName.Of(command)}");
        var started = Stopwatch.GetTimestamp();
        var outcome = await ValidateAndTransactAsync(command, expectedVersion, ct);
        telemetry.CommandHandled(command, outcome, Stopwatch.GetElapsedTime(started));
        activity?.SetTag("orders.outcome", CommandName.Of(outcome));
        return outcome;
    }

    async Task<CommandOutcome> ValidateAndTransactAsync(OrderCommand command, long? expectedVersion, CancellationToken ct)
    {
        var invalid = OrderValidation.Validate(command);
        if (!invalid.IsEmpty)
            return new CommandOutcome.Invalid(invalid);

        var expectation = new StreamExpectation(OrderDecider.StartsStream(command), expectedVersion);
        var result = await _orders.TransactAsync(OrderStream.Name(command.OrderId), command, expectation, ct);
        if (result is TransactResult<OrderError>.Decided { Appended.Count: > 0 } decided)
            telemetry.EventsAppended(decided.Appended);
        return result switch
        {
            TransactResult<OrderError>.Decided d => new CommandOutcome.Accepted(command.OrderId, d.Version, d.Appended.Count),
            TransactResult<OrderError>.Rejected r => new CommandOutcome.Rejected(r.Error),
            TransactResult<OrderError>.VersionMismatch m => new CommandOutcome.VersionMismatch(m.ActualVersion),
            TransactResult<OrderError>.Conflict => new CommandOutcome.Conflict(),
            _ => throw new UnreachableException(result.GetType().Name),
        };
    }
}
