using CsCheck;
using LanguageExt;
using Orders.Decider.Tests.Specification;
using static Orders.Decider.Tests.Specification.Examples;

namespace Orders.Decider.Tests.Properties;

/// <summary>
/// Commands and events over small pools of values, so that generated sequences often repeat a cart, a payment id, an
/// address or a reason, and so reach the "already satisfied" and "already paid with another id" cases.
/// </summary>
public static class Generators
{
    /// <summary>Fragments that JSON must escape or encode as multi-byte UTF-8, including a surrogate pair.</summary>
    public static readonly Gen<string> Text =
        Gen.OneOf("a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "é", "€", "😀", "<", ">", "&", "+", "'")
            .Array[0, 12]
            .Select(string.Concat);

    /// <summary>Exact prices with at most two fraction digits, sometimes written with trailing zeros (49.00).</summary>
    public static readonly Gen<decimal> Price =
        Gen.Select(Gen.Long[0, 10_000_000_00], Gen.Int[0, 2], (cents, extraZeros) => cents / 100m * Scale(extraZeros));

    static decimal Scale(int trailingZeros) => trailingZeros switch { 0 => 1m, 1 => 1.0m, _ => 1.00m };

    public static readonly Gen<ShopItem> Item =
        Gen.Select(Gen.OneOf("sku-1", "sku-2", "sku-3"), Gen.Int[1, 10_000], Price,
            (id, quantity, price) => new ShopItem(id, $"title {id}", "", quantity, price));

    public static readonly Gen<ValueList<ShopItem>> Cart = Gen.OneOf<ValueList<ShopItem>>(
        Gen.OneOf(Examples.Cart, OtherCart),
        Item.Array[1, 6].Select(items => items.ToValueList()));

    public static readonly Gen<ShopItem> AnyItem =
        Gen.Select(Text, Text, Text, Gen.Int, Price, (id, title, description, quantity, price) =>
            new ShopItem(id, title, description, quantity, price));

    /// <summary>Any instant .NET can hold with any whole-minute offset Go can write, plus Go's zero time.</summary>
    public static readonly Gen<DateTimeOffset> Timestamp = Gen.OneOf<DateTimeOffset>(
        Gen.Const(default(DateTimeOffset)),
        Gen.Select(
            Gen.Long[new DateTime(2, 1, 1).Ticks, new DateTime(9998, 12, 31).Ticks],
            Gen.Int[-14 * 60, 14 * 60],
            (ticks, minutes) => new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes))));

    static readonly Gen<string> PaymentIds = Gen.OneOf(PaymentId, OtherPaymentId);
    static readonly Gen<string> Addresses = Gen.OneOf(Address, OtherAddress);
    static readonly Gen<string> Reasons = Gen.OneOf(Reason, OtherReason);

    public static readonly Gen<OrderCommand> Command = Gen.OneOf<OrderCommand>(
        Gen.Select(Cart, Addresses, (cart, address) => (OrderCommand)new OrderCommand.CreateOrder(OrderId, cart, Email, address)),
        Cart.Select(cart => (OrderCommand)new OrderCommand.UpdateShoppingCart(OrderId, cart)),
        Gen.Select(PaymentIds, Timestamp, (id, at) => (OrderCommand)new OrderCommand.PayOrder(OrderId, id, at)),
        Gen.Const((OrderCommand)new OrderCommand.SubmitOrder(OrderId)),
        Addresses.Select(address => (OrderCommand)new OrderCommand.ChangeDeliveryAddress(OrderId, address)),
        Reasons.Select(reason => (OrderCommand)new OrderCommand.CancelOrder(OrderId, reason)),
        Timestamp.Select(at => (OrderCommand)new OrderCommand.CompleteOrder(OrderId, at)));

    public static readonly Gen<OrderCommand[]> Commands = Command.Array[0, 30];

    /// <summary>Events over the same small pools: any order of them is a history the original could have written.</summary>
    public static readonly Gen<OrderEvent> Event = EventOf(Cart, PaymentIds, Addresses, Reasons);

    /// <summary>Events with arbitrary text, prices and timestamps, for the stored format.</summary>
    public static readonly Gen<OrderEvent> AnyEvent = EventOf(AnyItem.Array[0, 4].Select(items => items.ToValueList()), Text, Text, Text);

    static Gen<OrderEvent> EventOf(Gen<ValueList<ShopItem>> carts, Gen<string> paymentIds, Gen<string> addresses, Gen<string> texts) =>
        Gen.OneOf<OrderEvent>(
            Gen.Select(carts, texts, addresses, (cart, email, address) => (OrderEvent)new OrderEvent.OrderCreated(cart, email, address)),
            carts.Select(cart => (OrderEvent)new OrderEvent.ShoppingCartUpdated(cart)),
            Gen.Select(paymentIds, Timestamp, (id, at) => (OrderEvent)new OrderEvent.OrderPaid(id, at)),
            Gen.Const((OrderEvent)new OrderEvent.OrderSubmitted()),
            addresses.Select(address => (OrderEvent)new OrderEvent.DeliveryAddressChanged(address)),
            texts.Select(reason => (OrderEvent)new OrderEvent.OrderCanceled(reason)),
            Timestamp.Select(at => (OrderEvent)new OrderEvent.OrderCompleted(at)));

    /// <summary>A history starting with the order's creation, then anything the original could have appended.</summary>
    public static readonly Gen<OrderEvent[]> History =
        Gen.Select(Event.Array[0, 20], Gen.Bool, (events, created) =>
            created ? [new OrderEvent.OrderCreated(Examples.Cart, Email, Address), .. events] : events);
}
