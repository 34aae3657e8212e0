using Orders.Decider;
using Orders.Host.Commands;

namespace Orders.Host.Telemetry;

/// <summary>Low-cardinality names for tags and span names.</summary>
public static class CommandName
{
    public static string Of(OrderCommand command) =>
        command switch
        {
            OrderCommand.CreateOrder => "create_order",
            OrderCommand.UpdateShoppingCart => "update_shopping_cart",
            OrderCommand.PayOrder => "pay_order",
            OrderCommand.SubmitOrder => "submit_order",
            OrderCommand.ChangeDeliveryAddress => "change_delivery_address",
            OrderCommand.CancelOrder => "cancel_order",
            OrderCommand.CompleteOrder => "complete_order",
            _ => "unknown",
        };

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
