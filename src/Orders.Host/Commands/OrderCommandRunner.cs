using System.Diagnostics;
using LanguageExt;
using Orders.Decider;
using Orders.Decider.Serialization;
using Orders.EventStore;
using Orders.Host.Telemetry;

namespace Orders.Host.Commands;

/// <summary>
/// The one path every command takes, whatever edge it came in by: validate, load the stream, decide, append with
/// the version that was loaded. A conflicting writer makes it load and decide again, a bounded number of times,
/// unless the caller pinned the version it expects.
/// </summary>
public sealed class OrderCommandRunner(IEventStore store, OrdersTelemetry telemetry)
{
    public const int MaxAttempts = 3;

    public async Task<CommandOutcome> RunAsync(OrderCommand command, long? expectedVersion, CancellationToken ct)
    {
        using var activity = OrdersTelemetry.Source.StartActivity($"command {CommandName.Of(command)}");
        var started = Stopwatch.GetTimestamp();
        var outcome = await DecideAndAppendAsync(command, expectedVersion, ct);
        telemetry.CommandHandled(command, outcome, Stopwatch.GetElapsedTime(started));
        activity?.SetTag("orders.outcome", CommandName.Of(outcome));
        return outcome;
    }

    async Task<CommandOutcome> DecideAndAppendAsync(OrderCommand command, long? expectedVersion, CancellationToken ct)
    {
        var invalid = OrderValidation.Validate(command);
        if (!invalid.IsEmpty)
            return new CommandOutcome.Invalid(invalid);

        var stream = OrderStream.Name(command.OrderId);
        for (var attempt = 1; ; attempt++)
        {
            // A new order's stream should not exist yet, so the first try decides on the initial state without
            // reading; the append's no-stream check confirms it, and a stream that does exist is loaded on the retry.
            var (state, version) = command is OrderCommand.CreateOrder && attempt == 1 && expectedVersion is null
                ? (OrderDecider.Initial, -1L)
                : await LoadAsync(stream, ct);
            if (expectedVersion is { } expected && expected != version)
                return new CommandOutcome.VersionMismatch(version);

            var decision = Decide(command, state);
            if (decision.Case is OrderError error)
                return new CommandOutcome.Rejected(error);
            var events = (Seq<OrderEvent>)decision.Case!;
            if (events.IsEmpty)
                return new CommandOutcome.Accepted(command.OrderId, version, 0);
            var result = await AppendAsync(stream, ExpectedVersionAfter(version), events, ct);
            switch (result)
            {
                case AppendResult.Appended appended:
                    return new CommandOutcome.Accepted(command.OrderId, appended.Version, events.Count);
                case AppendResult.WrongExpectedVersion wrong when expectedVersion is not null:
                    return new CommandOutcome.VersionMismatch(wrong.ActualVersion);
                case AppendResult.WrongExpectedVersion when attempt >= MaxAttempts:
                    return new CommandOutcome.Conflict();
            }
        }
    }

    async Task<(OrderState State, long Version)> LoadAsync(string stream, CancellationToken ct)
    {
        using var activity = OrdersTelemetry.Source.StartActivity("load");
        var recorded = await store.ReadStreamAsync(stream, ct);
        var state = recorded
            .Select(e => OrderEventCodec.Decode(e.Type, e.Data.Span))
            .OfType<OrderEvent>()
            .Aggregate(OrderDecider.Initial, OrderDecider.Evolve);
        return (state, recorded.Count == 0 ? -1 : recorded[^1].StreamVersion);
    }

    static Either<OrderError, Seq<OrderEvent>> Decide(OrderCommand command, OrderState state)
    {
        using var activity = OrdersTelemetry.Source.StartActivity("decide");
        return OrderDecider.Decide(command, state);
    }

    async Task<AppendResult> AppendAsync(
        string stream, ExpectedVersion expected, Seq<OrderEvent> events, CancellationToken ct)
    {
        using var activity = OrdersTelemetry.Source.StartActivity("append");
        var metadata = EventMetadata.FromCurrentActivity();
        var data = events
            .Select(e => new EventData(Guid.CreateVersion7(), OrderEventCodec.TypeOf(e), OrderEventCodec.Encode(e), metadata))
            .ToList();
        var result = await store.AppendAsync(stream, expected, data, ct);
        if (result is AppendResult.Appended)
            telemetry.EventsAppended(data);
        return result;
    }

    static ExpectedVersion ExpectedVersionAfter(long version) =>
        version < 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version);
}
