using Orders.Decider;

namespace Orders.Bench.Micro;

/// <summary>One order's facts and commands, the same for every benchmark.</summary>
public static class Samples
{
    public static readonly Guid OrderId = Guid.Parse("0193a5f0-7c1e-7a3b-9d2e-4f5a6b7c8d9e");

    static readonly DateTimeOffset At = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public static readonly ValueList<ShopItem> Cart = ValueList.Create<ShopItem>(
    [
        new("sku-1", "Espresso machine", "A 15 bar pump espresso machine with a steam wand", 1, 249.99m),
        new("sku-2", "Coffee beans", "1 kg of medium roast", 2, 18.50m),
    ]);

    public static readonly ValueList<ShopItem> OtherCart = ValueList.Create<ShopItem>(
        [new("sku-3", "Teapot", "Cast iron, 1.2 l", 1, 39.90m)]);

    public static readonly OrderEvent.OrderCreated Created = new(Cart, "buyer@example.com", "1 Main Street, Springfield");
    public static readonly OrderEvent.ShoppingCartUpdated CartUpdated = new(OtherCart);
    public static readonly OrderEvent.DeliveryAddressChanged AddressChanged = new("2 High Street, Shelbyville");
    public static readonly OrderEvent.OrderPaid Paid = new("pay-7f3a", At);
    public static readonly OrderEvent.OrderSubmitted Submitted = new();
    public static readonly OrderEvent.OrderCompleted Completed = new(At.AddDays(2));
    public static readonly OrderEvent.OrderCanceled Canceled = new("The customer changed their mind");

    /// <summary>Every event type, keyed by its stored type name.</summary>
    public static readonly IReadOnlyDictionary<string, OrderEvent> ByType = new Dictionary<string, OrderEvent>
    {
        ["V1_ORDER_CREATED"] = Created,
        ["V1_SHOPPING_CART_UPDATED"] = CartUpdated,
        ["V1_DELIVERY_ADDRESS_CHANGED"] = AddressChanged,
        ["V1_ORDER_PAID"] = Paid,
        ["V1_ORDER_SUBMITTED"] = Submitted,
        ["V1_ORDER_COMPLETED"] = Completed,
        ["V1_ORDER_CANCELED"] = Canceled,
    };

    /// <summary>A six-event life: created, cart changed, address changed, paid, submitted, completed.</summary>
    public static readonly OrderEvent[] Life = [Created, CartUpdated, AddressChanged, Paid, Submitted, Completed];

    public static OrderState StateAfter(params OrderEvent[] events) => events.Aggregate(OrderDecider.Initial, OrderDecider.Evolve);

    public static DateTimeOffset Now => At;
}
