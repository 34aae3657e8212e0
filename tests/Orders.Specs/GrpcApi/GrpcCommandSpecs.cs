using Orders.Decider;
using Orders.Decider.Serialization;
using static Orders.Specs.GrpcApi.GrpcRequests;

namespace Orders.Specs.GrpcApi;

[Collection(GrpcHostCollection.Name)]
public sealed class GrpcCommandSpecs(GrpcHost service)
{
    static readonly DateTimeOffset PaidAt = new(2026, 2, 1, 12, 0, 0, 250, TimeSpan.Zero);
    static readonly DateTimeOffset DeliveredAt = new(2026, 2, 3, 16, 45, 0, TimeSpan.Zero);

    async Task<List<OrderEvent>> EventsOf(string id) =>
        (await service.EventStore.ReadStreamAsync(OrderStream.Name(Guid.Parse(id))))
            .Select(e => OrderEventCodec.Decode(e.Type, e.Data.Span)).OfType<OrderEvent>().ToList();

    [Fact]
    public async Task CreateOrder_answers_a_new_id_whose_stream_holds_the_order()
    {
        var id = await service.Client.PlaceOrderAsync(NewOrder(Item("Red scarf", quantity: 2, price: 12.5)));

        var created = Assert.IsType<OrderEvent.OrderCreated>(Assert.Single(await EventsOf(id)));
        Assert.Equal(new ShopItem("sku-1", "Red scarf", "Cotton, slim fit", 2, 12.5m), Assert.Single(created.ShopItems));
        Assert.Equal("alice@example.com", created.AccountEmail);
        Assert.Equal("1 Main St, Springfield", created.DeliveryAddress);
    }

    [Fact]
    public async Task Every_command_of_an_order_s_life_goes_through_with_the_times_the_client_sent()
    {
        var client = service.Client;
        var id = await client.PlaceOrderAsync();

        await client.UpdateShoppingCartAsync(Cart(id, Item("Green hat", price: 30)));
        await client.ChangeDeliveryAddressAsync(new() { AggregateID = id, DeliveryAddress = "2 Elm St" });
        var paid = await client.PayOrderAsync(Pay(id, "pay-42", PaidAt));
        var submitted = await client.SubmitOrderAsync(new() { AggregateID = id });
        await client.CompleteOrderAsync(Complete(id, DeliveredAt));

        Assert.Equal(id, paid.AggregateID);
        Assert.Equal(id, submitted.AggregateID);
        Assert.Equal(
            [
                new OrderEvent.OrderCreated([new ShopItem("sku-1", "Blue shirt", "Cotton, slim fit", 1, 19.99m)], "alice@example.com", "1 Main St, Springfield"),
                new OrderEvent.ShoppingCartUpdated([new ShopItem("sku-1", "Green hat", "Cotton, slim fit", 1, 30m)]),
                new OrderEvent.DeliveryAddressChanged("2 Elm St"),
                new OrderEvent.OrderPaid("pay-42", PaidAt),
                new OrderEvent.OrderSubmitted(),
                new OrderEvent.OrderCompleted(DeliveredAt),
            ],
            await EventsOf(id));
    }

    // The host's clock is the system's: a fixed one would also stop the read side's timers in a fully wired host.
    [Fact]
    public async Task Payment_and_delivery_sent_without_a_time_take_the_host_s_clock()
    {
        var id = await service.Client.PlaceOrderAsync();
        var before = DateTimeOffset.UtcNow;

        await service.Client.PayOrderAsync(Pay(id, at: null));
        await service.Client.SubmitOrderAsync(new() { AggregateID = id });
        await service.Client.CompleteOrderAsync(Complete(id, at: null));

        var after = DateTimeOffset.UtcNow;
        var events = await EventsOf(id);
        Assert.InRange(events.OfType<OrderEvent.OrderPaid>().Single().Timestamp, before, after);
        Assert.InRange(events.OfType<OrderEvent.OrderCompleted>().Single().DeliveryTimestamp, before, after);
    }

    [Fact]
    public async Task CancelOrder_records_the_reason()
    {
        var id = await service.Client.PlaceOrderAsync();

        await service.Client.CancelOrderAsync(new() { AggregateID = id, CancelReason = "changed my mind" });

        Assert.Equal(new OrderEvent.OrderCanceled("changed my mind"), (await EventsOf(id))[^1]);
    }

    [Fact]
    public async Task A_repeat_that_is_already_satisfied_answers_OK_and_appends_nothing()
    {
        var id = await service.Client.PlaceOrderAsync();
        await service.Client.ChangeDeliveryAddressAsync(new() { AggregateID = id, DeliveryAddress = "2 Elm St" });

        await service.Client.ChangeDeliveryAddressAsync(new() { AggregateID = id, DeliveryAddress = "2 Elm St" });

        Assert.Equal(2, (await EventsOf(id)).Count);
    }
}
