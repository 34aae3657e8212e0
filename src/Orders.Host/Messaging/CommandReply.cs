using System.Text.Json;
using System.Text.Json.Serialization;
using Orders.Decider;
using Orders.Host.Commands;

namespace Orders.Host.Messaging;

/// <summary>
/// The answer sent to a command message's AMQP <c>reply_to</c> queue, with <c>correlation_id</c> = its message id.
/// <see cref="Status"/> is <c>accepted</c> (<see cref="EventsAppended"/> 0 when the order already was as asked),
/// <c>rejected</c> (<see cref="Error"/> carries the domain's code), <c>version_mismatch</c>, <c>conflict</c> or
/// <c>dead_lettered</c> (<see cref="Reason"/> says why). <see cref="Duplicate"/> is true when the message had been
/// handled before and nothing was appended again.
/// </summary>
public sealed record CommandReply(
    string? MessageId,
    Guid? OrderId,
    string Status,
    long? Version = null,
    int? EventsAppended = null,
    bool? Duplicate = null,
    OrderError? Error = null,
    string? Reason = null)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static CommandReply Of(CommandMessage message, CommandOutcome outcome, bool duplicate) =>
        outcome switch
        {
            CommandOutcome.Accepted a => new(message.MessageId, a.OrderId, "accepted", a.Version, a.EventsAppended, duplicate ? true : null),
            CommandOutcome.Rejected r => new(message.MessageId, message.Command.OrderId, "rejected", Error: r.Error),
            CommandOutcome.VersionMismatch v => new(message.MessageId, message.Command.OrderId, "version_mismatch", v.ActualVersion),
            CommandOutcome.Conflict => new(message.MessageId, message.Command.OrderId, "conflict"),
            CommandOutcome.Invalid i => new(message.MessageId, message.Command.OrderId, "dead_lettered",
                Reason: string.Join("; ", i.Errors.Select(e => $"{e.Field}: {e.Message}"))),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
        };

    public static CommandReply Of(PoisonMessage poison) => new(poison.MessageId, null, "dead_lettered", Reason: poison.Reason);

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, Json);
}
