using LanguageExt;
using Orders.Decider;

namespace Orders.Host.Commands;

/// <summary>Every way a command can end, as the edge (HTTP, gRPC, a queue) needs to tell it.</summary>
public abstract record CommandOutcome
{
    private CommandOutcome() { }

    /// <summary>Decided and appended; <paramref name="Version"/> is the stream's version afterwards (unchanged for a no-op).</summary>
    public sealed record Accepted(Guid OrderId, long Version, int EventsAppended) : CommandOutcome;

    /// <summary>Fields that failed validation; the decider did not run.</summary>
    public sealed record Invalid(Seq<FieldError> Errors) : CommandOutcome;

    /// <summary>The decider refused the command.</summary>
    public sealed record Rejected(OrderError Error) : CommandOutcome;

    /// <summary>The caller named a version (If-Match) that is not the stream's.</summary>
    public sealed record VersionMismatch(long ActualVersion) : CommandOutcome;

    /// <summary>Other writers kept changing the stream through every re-decide.</summary>
    public sealed record Conflict : CommandOutcome;
}
