using System.Collections.Concurrent;
using System.Text.Json;
using Orders.Decider;
using Orders.Host.Commands;

namespace Orders.Host.Telemetry;

/// <summary>Low-cardinality names for tags and span names.</summary>
public static class CommandName
{
    static readonly ConcurrentDictionary<Type, string> Commands = new();

    /// <summary><c>PayOrder</c> → <c>pay_order</c>: from the type, so that a new command needs no entry here.</summary>
    public static string Of(OrderCommand command) =>
        Commands.GetOrAdd(command.GetType(), type => JsonNamingPolicy.SnakeCaseLower.ConvertName(type.Name));

    public static string Of(CommandOutcome outcome) =>
        outcome switch
        {
            CommandOutcome.Accepted { EventsAppended: 0 } => "unchanged",
            CommandOutcome.Accepted => "accepted",
            CommandOutcome.Invalid => "invalid",
            CommandOutcome.Rejected r => r.Error.Code,
            CommandOutcome.VersionMismatch => "version_mismatch",
            CommandOutcome.Conflict => "concurrency_conflict",
            _ => "unknown",
        };
}
