using LanguageExt;
using Orders.Decider;
using Orders.Decider.Serialization;
using Orders.EventStore;

namespace Orders.Specs.Projections;

/// <summary>
/// Order streams made the way the service makes them: commands decided against the folded state, the events
/// encoded in the stored format. Clock and ids are fixed so that documents can be pinned by snapshots.
/// </summary>
static class OrderHistories
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static ShopItem Item(string id, string title, string description, int quantity, decimal price) =>
        new(id, title, description, quantity, price);

    /// <summary>
    /// A cart. Not a collection expression: <c>Seq</c>'s <c>Add</c> returns a new sequence, so <c>[a, b]</c> builds an
    /// empty one.
    /// </summary>
    public static Seq<ShopItem> Cart(params ShopItem[] items) => items.ToSeq();

    public static OrderCommand.CreateOrder Create(Guid id, params ShopItem[] items) =>
        new(id, Cart(items), "buyer@example.com", "10 Downing St");

    /// <summary>The events each command emits, in order, failing on a rejection: histories are meant to be valid.</summary>
    public static IReadOnlyList<OrderEvent> Decide(params OrderCommand[] commands)
    {
        var state = OrderDecider.Initial;
        var events = new List<OrderEvent>();
        foreach (var command in commands)
        {
            var emitted = OrderDecider.Decide(command, state)
                .IfLeft(error => throw new InvalidOperationException($"{command}: {error.Code}"));
            events.AddRange(emitted);
            state = emitted.Fold(state, OrderDecider.Evolve);
        }
        return events;
    }

    /// <summary>The events as one stream would record them, a minute apart, at log positions from <paramref name="firstPosition"/>.</summary>
    public static IReadOnlyList<RecordedEvent> Record(Guid orderId, IReadOnlyList<OrderEvent> events, ulong firstPosition = 1) =>
        events.Select((e, version) => new RecordedEvent(
                OrderStream.Name(orderId),
                version,
                LogPosition.Of(firstPosition + (ulong)version),
                Guid.NewGuid(),
                OrderEventCodec.TypeOf(e),
                OrderEventCodec.Encode(e),
                "{}"u8.ToArray(),
                Start.AddMinutes(version)))
            .ToList();

    /// <summary>
    /// <paramref name="count"/> orders through every kind of life (open, paid, delivered, canceled), their events
    /// interleaved in the log as concurrent orders' would be.
    /// </summary>
    public static void AppendOrders(InMemoryEventStore log, int count, int seed = 1)
    {
        var random = new Random(seed);
        var histories = Enumerable.Range(0, count).Select(i =>
        {
            var id = new Guid(i + (seed << 24), 1, 2, [3, 4, 5, 6, 7, 8, 9, 10]);
            var item = Item($"sku-{i % 50}", Titles[i % Titles.Length], Descriptions[i % Descriptions.Length], 1 + (i % 3), 1.25m * (i % 40));
            var create = Create(id, item);
            OrderCommand[] commands = (i % 4) switch
            {
                0 => [create],
                1 => [create, new OrderCommand.PayOrder(id, $"pay-{i}", Start)],
                2 =>
                [
                    create,
                    new OrderCommand.UpdateShoppingCart(id, Cart(item, Item("sku-x", "Gift wrap", "Paper", 1, 2m))),
                    new OrderCommand.PayOrder(id, $"pay-{i}", Start),
                    new OrderCommand.SubmitOrder(id),
                    new OrderCommand.ChangeDeliveryAddress(id, $"{i} New Rd"),
                    new OrderCommand.CompleteOrder(id, Start.AddDays(1)),
                ],
                _ => [create, new OrderCommand.CancelOrder(id, "changed my mind")],
            };
            return new Queue<RecordedEvent>(Record(id, Decide(commands)));
        }).ToList();

        var minute = 0;
        while (histories.Count > 0)
        {
            var next = histories[random.Next(histories.Count)];
            var e = next.Dequeue();
            log.Record(e.StreamId, e.Type, e.Data, Start.AddMinutes(minute++));
            if (next.Count == 0)
                histories.Remove(next);
        }
    }

    static readonly string[] Titles = ["Blue shirt", "Red socks", "Green hat", "Laptop stand", "Coffee beans", "Desk lamp"];
    static readonly string[] Descriptions = ["Cotton, slim fit", "Wool", "Summer hat", "Aluminium", "Dark roast 1kg", "LED"];
}
