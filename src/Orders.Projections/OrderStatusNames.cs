using Orders.Decider;

namespace Orders.Projections;

/// <summary>Statuses as documents spell them: lower case, as the original service's JSON did.</summary>
public static class OrderStatusNames
{
    public static string Of(OrderStatus status) =>
        status switch
        {
            OrderStatus.Pending => "pending",
            OrderStatus.Paid => "paid",
            OrderStatus.Submitted => "submitted",
            OrderStatus.Completed => "completed",
            OrderStatus.Canceled => "canceled",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown status."),
        };

    public static OrderStatus Parse(string name) =>
        name switch
        {
            "pending" => OrderStatus.Pending,
            "paid" => OrderStatus.Paid,
            "submitted" => OrderStatus.Submitted,
            "completed" => OrderStatus.Completed,
            "canceled" => OrderStatus.Canceled,
            _ => throw new FormatException($"'{name}' is not an order status."),
        };
}
