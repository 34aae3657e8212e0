using Orders.Decider;

namespace Orders.Bench;

/// <summary>
/// Histories an order might have, in the proportions a shop might see: created; the cart changed once or twice
/// (30%, 10%); the address changed (20%); paid (85%), then submitted (85% of those), then completed (85% of those);
/// about half of the orders that stop short of completion are canceled. About four events an order.
/// </summary>
public static class OrderHistories
{
    public static IReadOnlyList<OrderEvent> Next(Random random, DateTimeOffset now)
    {
        var events = new List<OrderEvent>
        {
            new OrderEvent.OrderCreated(Catalogue.Cart(random), Catalogue.Email(random), Catalogue.Address(random)),
        };
        var cartUpdates = random.NextDouble() switch { < 0.10 => 2, < 0.30 => 1, _ => 0 };
        for (var i = 0; i < cartUpdates; i++)
            events.Add(new OrderEvent.ShoppingCartUpdated(Catalogue.Cart(random)));
        if (random.NextDouble() < 0.20)
            events.Add(new OrderEvent.DeliveryAddressChanged(Catalogue.Address(random)));

        var completed = Chance(random, 0.85)
            && Add(events, new OrderEvent.OrderPaid($"pay-{Guid.NewGuid():N}", now))
            && Chance(random, 0.85)
            && Add(events, new OrderEvent.OrderSubmitted())
            && Chance(random, 0.85)
            && Add(events, new OrderEvent.OrderCompleted(now.AddDays(2)));
        if (!completed && random.NextDouble() < 0.5)
            events.Add(new OrderEvent.OrderCanceled("The customer changed their mind"));
        return events;
    }

    static bool Chance(Random random, double probability) => random.NextDouble() < probability;

    static bool Add(List<OrderEvent> events, OrderEvent @event)
    {
        events.Add(@event);
        return true;
    }
}
