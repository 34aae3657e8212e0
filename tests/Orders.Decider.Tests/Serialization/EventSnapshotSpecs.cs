using System.Text;
using LanguageExt;
using Orders.Decider.Serialization;
using static LanguageExt.Prelude;

namespace Orders.Decider.Tests.Serialization;

/// <summary>
/// The exact bytes each event type is stored as. Stored events outlive the code: a change here is a change of the
/// stored format and must be deliberate. (<c>V1_ORDER_SUBMITTED</c> has no data; <see cref="EventFormatSpecs"/> pins it.)
/// </summary>
public class EventSnapshotSpecs
{
    static readonly ValueList<ShopItem> Items = [
        new ShopItem("sku-1", "Blue shirt", "Cotton, \"slim\" fit", 2, 19.99m),
        new ShopItem("sku-2", "Crème brûlée torch", "", 1, 49.00m),
        new ShopItem("sku-3", "Gift card", "Free", 10_000, 0m)];

    static readonly DateTimeOffset Timestamp = new DateTimeOffset(2022, 2, 20, 15, 4, 5, TimeSpan.FromHours(3)).AddTicks(1_234_567);

    static void Verify(OrderEvent @event) =>
        ApprovedFile.Verify(Encoding.UTF8.GetString(OrderEventCodec.Encode(@event)), OrderEventCodec.TypeOf(@event));

    [Fact]
    public void Order_created() =>
        Verify(new OrderEvent.OrderCreated(Items, "alice@example.com", "1 Main St, Springfield"));

    [Fact]
    public void Shopping_cart_updated() =>
        Verify(new OrderEvent.ShoppingCartUpdated(Items));

    [Fact]
    public void Order_paid() =>
        Verify(new OrderEvent.OrderPaid("pay-42", Timestamp));

    [Fact]
    public void Delivery_address_changed() =>
        Verify(new OrderEvent.DeliveryAddressChanged("2 Elm St, Shelbyville"));

    [Fact]
    public void Order_canceled() =>
        Verify(new OrderEvent.OrderCanceled("changed my mind"));

    [Fact]
    public void Order_completed() =>
        Verify(new OrderEvent.OrderCompleted(new DateTimeOffset(2022, 2, 21, 9, 30, 0, 500, TimeSpan.Zero)));
}
