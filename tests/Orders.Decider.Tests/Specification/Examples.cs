using LanguageExt;
using static LanguageExt.Prelude;

namespace Orders.Decider.Tests.Specification;

/// <summary>The orders the specs talk about: one cart, one customer, and the histories that put it in each status.</summary>
public static class Examples
{
    public static readonly Guid OrderId = Guid.Parse("0b6f3c4e-1c2d-4f6a-9b1e-3a5d7c9e2f40");

    public static readonly ValueList<ShopItem> Cart = [
        new ShopItem("sku-1", "Blue shirt", "Cotton, slim fit", 2, 19.99m),
        new ShopItem("sku-2", "Red socks", "Wool", 3, 4.50m)];

    public static readonly ValueList<ShopItem> OtherCart = [new ShopItem("sku-3", "Green hat", "Summer hat", 1, 100m)];

    public const string Email = "alice@example.com";
    public const string Address = "1 Main St, Springfield";
    public const string OtherAddress = "2 Elm St, Shelbyville";
    public const string PaymentId = "pay-42";
    public const string OtherPaymentId = "pay-43";
    public const string Reason = "changed my mind";
    public const string OtherReason = "found it cheaper";

    public static readonly DateTimeOffset PaidAt = new(2022, 2, 20, 15, 4, 5, TimeSpan.FromHours(3));
    public static readonly DateTimeOffset DeliveredAt = new(2022, 2, 21, 9, 30, 0, TimeSpan.FromHours(1));

    public static readonly OrderEvent Created = new OrderEvent.OrderCreated(Cart, Email, Address);
    public static readonly OrderEvent Paid = new OrderEvent.OrderPaid(PaymentId, PaidAt);
    public static readonly OrderEvent Submitted = new OrderEvent.OrderSubmitted();
    public static readonly OrderEvent Completed = new OrderEvent.OrderCompleted(DeliveredAt);
    public static readonly OrderEvent Canceled = new OrderEvent.OrderCanceled(Reason);

    public static OrderEvent CartUpdated(ValueList<ShopItem> items) => new OrderEvent.ShoppingCartUpdated(items);

    public static OrderEvent AddressChanged(string address) => new OrderEvent.DeliveryAddressChanged(address);

    public static readonly OrderEvent[] NoStream = [];
    public static readonly OrderEvent[] PendingOrder = [Created];
    public static readonly OrderEvent[] PaidOrder = [Created, Paid];
    public static readonly OrderEvent[] SubmittedOrder = [Created, Paid, Submitted];
    public static readonly OrderEvent[] CompletedOrder = [Created, Paid, Submitted, Completed];

    /// <summary>An order canceled while it was pending, paid or submitted.</summary>
    public static OrderEvent[] CanceledOrder(OrderStatus canceledWhen) =>
        canceledWhen switch
        {
            OrderStatus.Pending => [.. PendingOrder, Canceled],
            OrderStatus.Paid => [.. PaidOrder, Canceled],
            OrderStatus.Submitted => [.. SubmittedOrder, Canceled],
            _ => throw new ArgumentOutOfRangeException(nameof(canceledWhen), canceledWhen, "Only an open order can be canceled."),
        };

    public static OrderCommand CreateOrder() => new OrderCommand.CreateOrder(OrderId, Cart, Email, Address);

    public static OrderCommand UpdateCart(ValueList<ShopItem> items) => new OrderCommand.UpdateShoppingCart(OrderId, items);

    public static OrderCommand PayOrder(string paymentId) => new OrderCommand.PayOrder(OrderId, paymentId, PaidAt);

    public static OrderCommand SubmitOrder() => new OrderCommand.SubmitOrder(OrderId);

    public static OrderCommand ChangeAddress(string address) => new OrderCommand.ChangeDeliveryAddress(OrderId, address);

    public static OrderCommand CancelOrder(string reason) => new OrderCommand.CancelOrder(OrderId, reason);

    public static OrderCommand CompleteOrder() => new OrderCommand.CompleteOrder(OrderId, DeliveredAt);
}
