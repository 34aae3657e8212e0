using Orders.Decider;

namespace Orders.Projections.Search;

/// <summary>Folds an order's events into its search document.</summary>
public sealed class SearchDocumentProjection : OrderProjection<SearchDocument>
{
    public static readonly SearchDocumentProjection Instance = new();

    SearchDocumentProjection() { }

    public override string Name => "search";

    /// <summary>
    /// The flags, payment, cancel reason and delivery time are not kept: <see cref="OrderDecider.Evolve"/> derives
    /// status, cart, email and address without reading them, so the fields this document shows stay exact.
    /// </summary>
    protected override OrderState.Placed StateOf(SearchDocument document) =>
        new(
            OrderStatusNames.Parse(document.Status),
            ShopItemDocument.ToShopItems(document.Items),
            document.Email,
            document.Address,
            Paid: false,
            Submitted: false,
            Completed: false,
            Canceled: false,
            Payment: null,
            CancelReason: null,
            DeliveredAt: null);

    protected override SearchDocument Render(OrderState.Placed order, SearchDocument? previous, ProjectedEvent @event) =>
        new(
            @event.OrderId,
            order.AccountEmail,
            order.DeliveryAddress,
            ShopItemDocument.From(order.ShopItems),
            order.TotalPrice,
            OrderStatusNames.Of(order.Status),
            previous?.CreatedAt ?? @event.Created,
            @event.Version);
}
