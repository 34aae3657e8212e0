using Orders.Decider;

namespace Orders.Projections.Documents;

/// <summary>Folds an order's events into the document that <c>GET</c> serves.</summary>
public sealed class OrderDocumentProjection : OrderProjection<OrderDocument>
{
    /// <summary>The documents <c>GET /api/v1/orders/{id}</c> reads.</summary>
    public static readonly OrderDocumentProjection Instance = new("order-documents");

    /// <summary>
    /// The same documents folded into the search index, with a checkpoint of its own: a search hit is the order
    /// exactly as <c>GET</c> shows it, read in the same query that found it.
    /// </summary>
    public static readonly OrderDocumentProjection Search = new("search");

    OrderDocumentProjection(string name) => Name = name;

    public override string Name { get; }

    protected override OrderState.Placed StateOf(OrderDocument document) =>
        new(
            OrderStatusNames.Parse(document.Status),
            ShopItemDocument.ToShopItems(document.ShopItems),
            document.AccountEmail,
            document.DeliveryAddress,
            document.Paid,
            document.Submitted,
            document.Completed,
            document.Canceled,
            document.Payment is { } payment ? new Payment(payment.PaymentId, payment.Timestamp) : null,
            document.Canceled ? document.CancelReason : null,
            document.DeliveredTime);

    protected override OrderDocument Render(OrderState.Placed order, OrderDocument? previous, ProjectedEvent @event) =>
        new(
            @event.OrderId,
            order.AccountEmail,
            order.DeliveryAddress,
            ShopItemDocument.From(order.ShopItems),
            order.TotalPrice,
            OrderStatusNames.Of(order.Status),
            order.Paid,
            order.Submitted,
            order.Completed,
            order.Canceled,
            order.CancelReason ?? "",
            order.Payment is { } payment ? new PaymentDocument(payment.PaymentId, payment.Timestamp) : null,
            order.DeliveredAt,
            previous?.CreatedAt ?? @event.Created,
            @event.Created,
            @event.Version);
}
