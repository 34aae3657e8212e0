using Orders.Decider;
using static Orders.Specs.Messaging.CommandEnvelopes;

namespace Orders.Specs.Messaging;

/// <summary>Commands taken from the queue, as another service sends them, against a real broker.</summary>
public sealed class CommandQueueSpecs(MessagingHost service) : IClassFixture<MessagingHost>
{
    TestBroker Broker => service.Broker;

    [RabbitMqServerFact]
    public async Task Every_command_over_the_queue_is_answered_on_the_reply_queue()
    {
        var order = Guid.CreateVersion7();
        var canceled = Guid.CreateVersion7();
        var sent = new (string Id, object Envelope)[]
        {
            (NewMessageId(), CreateOrder("", order)),
            (NewMessageId(), UpdateShoppingCart("", order, Item("sku-2", 5m, 2))),
            (NewMessageId(), SubmitOrder("", order)),
            (NewMessageId(), PayOrder("", order)),
            (NewMessageId(), SubmitOrder("", order)),
            (NewMessageId(), ChangeDeliveryAddress("", order, "2 High St")),
            (NewMessageId(), CompleteOrder("", order)),
            (NewMessageId(), CreateOrder("", canceled)),
            (NewMessageId(), CancelOrder("", canceled)),
        };

        foreach (var (id, envelope) in sent)
            await Broker.SendAsync(envelope, amqpMessageId: id);

        var replies = new List<string>();
        foreach (var (id, _) in sent)
        {
            var reply = (await Broker.AwaitReplyAsync(id)).Body;
            replies.Add(reply.GetProperty("status").GetString() + " " +
                (reply.TryGetProperty("version", out var v) ? v.GetInt64().ToString() : reply.GetProperty("error").GetProperty("code").GetString()));
        }
        Assert.Equal(
            ["accepted 0", "accepted 1", "rejected order_not_paid", "accepted 2", "accepted 3", "accepted 4", "accepted 5", "accepted 0", "accepted 1"],
            replies);
        Assert.Equal(6, (await service.EventStore.ReadStreamAsync(OrderStream.Name(order))).Count);
    }

    [RabbitMqServerFact]
    public async Task The_same_message_delivered_twice_appends_once()
    {
        var order = Guid.CreateVersion7();
        var cartA = NewMessageId();
        await Broker.SendAsync(CreateOrder(NewMessageId(), order));
        await Broker.SendAsync(UpdateShoppingCart(cartA, order, Item("sku-a")));
        await Broker.SendAsync(UpdateShoppingCart(NewMessageId(), order, Item("sku-b")));
        await Broker.AwaitReplyAsync(cartA);

        await Broker.SendAsync(UpdateShoppingCart(cartA, order, Item("sku-a")));

        await TestBroker.EventuallyAsync(() => Broker.Replies.Count(r => r.Properties.CorrelationId == cartA) == 2, TimeSpan.FromSeconds(30), "the second reply");
        var again = Broker.ReplyTo(cartA).Body;
        Assert.Equal("accepted", again.GetProperty("status").GetString());
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, again.GetProperty("version").GetInt64());
        var stream = await service.EventStore.ReadStreamAsync(OrderStream.Name(order));
        Assert.Equal(["V1_ORDER_CREATED", "V1_SHOPPING_CART_UPDATED", "V1_SHOPPING_CART_UPDATED"], stream.Select(e => e.Type));
    }

    [RabbitMqServerFact]
    public async Task A_message_id_given_only_as_the_AMQP_message_id_deduplicates_too()
    {
        var order = Guid.CreateVersion7();
        var id = NewMessageId();
        await Broker.SendAsync(CreateOrder(NewMessageId(), order));
        var address = Envelope(null!, "ChangeDeliveryAddress", order, new { deliveryAddress = "3 Low Rd" });

        await Broker.SendAsync(address, amqpMessageId: id);
        await Broker.SendAsync(ChangeDeliveryAddress(NewMessageId(), order, "4 Far Rd"));
        await Broker.SendAsync(address, amqpMessageId: id);

        await TestBroker.EventuallyAsync(() => Broker.Replies.Count(r => r.Properties.CorrelationId == id) == 2, TimeSpan.FromSeconds(30), "both replies");
        var stream = await service.EventStore.ReadStreamAsync(OrderStream.Name(order));
        Assert.Equal(3, stream.Count);
    }

    [RabbitMqServerFact]
    public async Task Poison_messages_are_dead_lettered_with_a_reason_while_good_ones_behind_them_proceed()
    {
        var good = Guid.CreateVersion7();
        var goodId = NewMessageId();
        var invalidId = NewMessageId();

        await Broker.SendRawAsync("this is not json"u8.ToArray(), amqpMessageId: "not-json");
        await Broker.SendAsync(Envelope(NewMessageId(), "ShipOrder", Guid.CreateVersion7()));
        await Broker.SendAsync(CreateOrder(invalidId, Guid.CreateVersion7(), email: "not an address"));
        await Broker.SendAsync(CreateOrder(goodId, good));

        var reply = (await Broker.AwaitReplyAsync(goodId)).Body;
        Assert.Equal("accepted", reply.GetProperty("status").GetString());
        await TestBroker.EventuallyAsync(() => Broker.Replies.Any(r => r.Properties.CorrelationId == invalidId), TimeSpan.FromSeconds(30), "the invalid message's reply");
        var dead = new List<TestBroker.Received>();
        await TestBroker.EventuallyAsync(() =>
        {
            dead.AddRange(Broker.DrainDeadLettersAsync().GetAwaiter().GetResult());
            return dead.Count >= 3;
        }, TimeSpan.FromSeconds(30), "three dead letters");
        Assert.Equal(["not_json", "unknown_type", "invalid"], dead.Select(d => d.Header("x-dead-letter-kind")));
        Assert.StartsWith("The body is not JSON", dead[0].Header("x-dead-letter-reason"));
        Assert.Contains("ShipOrder", dead[1].Header("x-dead-letter-reason"));
        Assert.Contains("accountEmail", dead[2].Header("x-dead-letter-reason"));
        Assert.Equal("this is not json", dead[0].Body.GetString());
        Assert.Equal(invalidId, dead[2].Properties.MessageId);
        Assert.Equal("dead_lettered", Broker.ReplyTo(invalidId).Body.GetProperty("status").GetString());
        Assert.Single(await service.EventStore.ReadStreamAsync(OrderStream.Name(good)));
    }

    [RabbitMqServerFact]
    public async Task An_expected_version_that_is_not_the_streams_is_answered_with_the_actual_one_and_appends_nothing()
    {
        var order = Guid.CreateVersion7();
        var id = NewMessageId();
        await Broker.SendAsync(CreateOrder(NewMessageId(), order));

        await Broker.SendAsync(Envelope(id, "PayOrder", order, new { paymentId = "p-9" }, expectedVersion: 4));

        var reply = (await Broker.AwaitReplyAsync(id)).Body;
        Assert.Equal("version_mismatch", reply.GetProperty("status").GetString());
        Assert.Equal(0, reply.GetProperty("version").GetInt64());
        Assert.Single(await service.EventStore.ReadStreamAsync(OrderStream.Name(order)));
    }
}
