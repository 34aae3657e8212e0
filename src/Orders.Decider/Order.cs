using System.Diagnostics;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Orders.Decider;

// What can happen to an order, in reading order: commands, events, state, Decide, Evolve, Initial, IsTerminal.

public abstract record OrderCommand
{
    private OrderCommand() { }

    public abstract Guid OrderId { get; }

    public sealed record CreateOrder(Guid OrderId, ValueList<ShopItem> ShopItems, string AccountEmail, string DeliveryAddress) : OrderCommand
    {
        public override Guid OrderId { get; } = OrderId;
    }

    public sealed record UpdateShoppingCart(Guid OrderId, ValueList<ShopItem> ShopItems) : OrderCommand
    {
        public override Guid OrderId { get; } = OrderId;
    }

    public sealed record PayOrder(Guid OrderId, string PaymentId, DateTimeOffset Timestamp) : OrderCommand
    {
        public override Guid OrderId { get; } = OrderId;
    }

    public sealed record SubmitOrder(Guid OrderId) : OrderCommand
    {
        public override Guid OrderId { get; } = OrderId;
    }

    public sealed record ChangeDeliveryAddress(Guid OrderId, string DeliveryAddress) : OrderCommand
    {
        public override Guid OrderId { get; } = OrderId;
    }

    public sealed record CancelOrder(Guid OrderId, string CancelReason) : OrderCommand
    {
        public override Guid OrderId { get; } = OrderId;
    }

    public sealed record CompleteOrder(Guid OrderId, DateTimeOffset DeliveryTimestamp) : OrderCommand
    {
        public override Guid OrderId { get; } = OrderId;
    }
}

/// <summary>
/// Facts about one order. The stream carries the order's id, so the events do not. Each is stored under the name the
/// original service gave it.
/// </summary>
public abstract record OrderEvent
{
    private OrderEvent() { }

    [EventType("V1_ORDER_CREATED")]
    public sealed record OrderCreated(ValueList<ShopItem> ShopItems, string AccountEmail, string DeliveryAddress) : OrderEvent;

    [EventType("V1_SHOPPING_CART_UPDATED")]
    public sealed record ShoppingCartUpdated(ValueList<ShopItem> ShopItems) : OrderEvent;

    [EventType("V1_ORDER_PAID")]
    public sealed record OrderPaid(string PaymentId, DateTimeOffset Timestamp) : OrderEvent;

    [EventType("V1_ORDER_SUBMITTED")]
    public sealed record OrderSubmitted : OrderEvent;

    [EventType("V1_DELIVERY_ADDRESS_CHANGED")]
    public sealed record DeliveryAddressChanged(string DeliveryAddress) : OrderEvent;

    [EventType("V1_ORDER_CANCELED")]
    public sealed record OrderCanceled(string CancelReason) : OrderEvent;

    [EventType("V1_ORDER_COMPLETED")]
    public sealed record OrderCompleted(DateTimeOffset DeliveryTimestamp) : OrderEvent;
}

public enum OrderStatus
{
    Pending,
    Paid,
    Submitted,
    Completed,
    Canceled,
}

public sealed record Payment(string PaymentId, DateTimeOffset Timestamp);

public abstract record OrderState
{
    private OrderState() { }

    /// <summary>No stream yet.</summary>
    public sealed record None : OrderState;

    /// <summary>
    /// An order that exists. The flags record which facts happened, independently of <see cref="Status"/>, because
    /// streams written by the original service can hold facts in orders this decider would now refuse.
    /// </summary>
    public sealed record Placed(
        OrderStatus Status,
        ValueList<ShopItem> ShopItems,
        string AccountEmail,
        string DeliveryAddress,
        bool Paid,
        bool Submitted,
        bool Completed,
        bool Canceled,
        Payment? Payment,
        string? CancelReason,
        DateTimeOffset? DeliveredAt) : OrderState
    {
        public decimal TotalPrice => ShopItem.Total(ShopItems);
    }
}

public static class OrderDecider
{
    public static Either<OrderError, Seq<OrderEvent>> Decide(OrderCommand command, OrderState state) =>
        (command, state) switch
        {
            (OrderCommand.CreateOrder c, OrderState.None) =>
                Emit(new OrderEvent.OrderCreated(c.ShopItems, c.AccountEmail, c.DeliveryAddress)),
            (_, OrderState.None) => OrderError.NotFound,
            (OrderCommand.CancelOrder c, OrderState.Placed order) => Cancel(c, order),
            (_, OrderState.Placed { Status: OrderStatus.Canceled }) => OrderError.Canceled,
            (OrderCommand.CreateOrder, OrderState.Placed) => OrderError.AlreadyExists,
            (OrderCommand.UpdateShoppingCart c, OrderState.Placed order) => UpdateCart(c, order),
            (OrderCommand.PayOrder c, OrderState.Placed order) => Pay(c, order),
            (OrderCommand.SubmitOrder, OrderState.Placed order) => Submit(order),
            (OrderCommand.ChangeDeliveryAddress c, OrderState.Placed order) => ChangeAddress(c, order),
            (OrderCommand.CompleteOrder c, OrderState.Placed order) => Complete(c, order),
            _ => throw new UnreachableException($"{command.GetType().Name} on {state.GetType().Name}"),
        };

    static Either<OrderError, Seq<OrderEvent>> UpdateCart(OrderCommand.UpdateShoppingCart c, OrderState.Placed order) =>
        order.Status switch
        {
            OrderStatus.Pending when order.ShopItems == c.ShopItems => Nothing,
            OrderStatus.Pending => Emit(new OrderEvent.ShoppingCartUpdated(c.ShopItems)),
            OrderStatus.Completed => OrderError.Completed,
            _ => OrderError.AlreadyPaid,
        };

    static Either<OrderError, Seq<OrderEvent>> Pay(OrderCommand.PayOrder c, OrderState.Placed order) =>
        order.Status switch
        {
            OrderStatus.Pending => Emit(new OrderEvent.OrderPaid(c.PaymentId, c.Timestamp)),
            _ when order.Payment?.PaymentId == c.PaymentId => Nothing,
            _ => OrderError.AlreadyPaid,
        };

    static Either<OrderError, Seq<OrderEvent>> Submit(OrderState.Placed order) =>
        order.Status switch
        {
            OrderStatus.Paid => Emit(new OrderEvent.OrderSubmitted()),
            OrderStatus.Submitted or OrderStatus.Completed => Nothing,
            _ => OrderError.NotPaid,
        };

    static Either<OrderError, Seq<OrderEvent>> ChangeAddress(OrderCommand.ChangeDeliveryAddress c, OrderState.Placed order) =>
        order.Status switch
        {
            OrderStatus.Completed => OrderError.Completed,
            _ when order.DeliveryAddress == c.DeliveryAddress => Nothing,
            _ => Emit(new OrderEvent.DeliveryAddressChanged(c.DeliveryAddress)),
        };

    static Either<OrderError, Seq<OrderEvent>> Cancel(OrderCommand.CancelOrder c, OrderState.Placed order) =>
        order.Status switch
        {
            OrderStatus.Canceled => Nothing,
            OrderStatus.Completed => OrderError.Completed,
            _ => Emit(new OrderEvent.OrderCanceled(c.CancelReason)),
        };

    static Either<OrderError, Seq<OrderEvent>> Complete(OrderCommand.CompleteOrder c, OrderState.Placed order) =>
        order.Status switch
        {
            OrderStatus.Submitted => Emit(new OrderEvent.OrderCompleted(c.DeliveryTimestamp)),
            OrderStatus.Completed => Nothing,
            _ => OrderError.NotSubmitted,
        };

    /// <summary>
    /// Accepts every sequence the original service could have written: a fact is applied even where this decider
    /// would now refuse the command behind it, and a terminal status is never walked back by a later, weaker fact.
    /// </summary>
    public static OrderState Evolve(OrderState state, OrderEvent @event) =>
        (state, @event) switch
        {
            (OrderState.None, OrderEvent.OrderCreated e) => new OrderState.Placed(
                OrderStatus.Pending, e.ShopItems, e.AccountEmail, e.DeliveryAddress,
                Paid: false, Submitted: false, Completed: false, Canceled: false,
                Payment: null, CancelReason: null, DeliveredAt: null),
            (OrderState.None, _) => state,
            (OrderState.Placed order, OrderEvent.OrderCreated e) =>
                order with { ShopItems = e.ShopItems, AccountEmail = e.AccountEmail, DeliveryAddress = e.DeliveryAddress },
            (OrderState.Placed order, OrderEvent.ShoppingCartUpdated e) => order with { ShopItems = e.ShopItems },
            (OrderState.Placed order, OrderEvent.OrderPaid e) => order with
            {
                Paid = true,
                Payment = new Payment(e.PaymentId, e.Timestamp),
                Status = order.Status == OrderStatus.Pending ? OrderStatus.Paid : order.Status,
            },
            (OrderState.Placed order, OrderEvent.OrderSubmitted) => order with
            {
                Submitted = true,
                Status = order.Status is OrderStatus.Pending or OrderStatus.Paid ? OrderStatus.Submitted : order.Status,
            },
            (OrderState.Placed order, OrderEvent.DeliveryAddressChanged e) => order with { DeliveryAddress = e.DeliveryAddress },
            (OrderState.Placed order, OrderEvent.OrderCanceled e) => order with
            {
                Canceled = true,
                CancelReason = e.CancelReason,
                Status = OrderStatus.Canceled,
            },
            (OrderState.Placed order, OrderEvent.OrderCompleted e) => order with
            {
                Completed = true,
                DeliveredAt = e.DeliveryTimestamp,
                Status = order.Status == OrderStatus.Canceled ? OrderStatus.Canceled : OrderStatus.Completed,
            },
            _ => throw new UnreachableException($"{@event.GetType().Name} on {state.GetType().Name}"),
        };

    public static readonly OrderState Initial = new OrderState.None();

    public static bool IsTerminal(OrderState state) =>
        state is OrderState.Placed { Status: OrderStatus.Completed or OrderStatus.Canceled };

    /// <summary>The command creates the order's stream, so there is nothing to load before deciding it.</summary>
    public static bool StartsStream(OrderCommand command) => command is OrderCommand.CreateOrder;

    static Either<OrderError, Seq<OrderEvent>> Emit(OrderEvent @event) => Seq1(@event);

    static readonly Either<OrderError, Seq<OrderEvent>> Nothing = Seq<OrderEvent>();

    // Declared after Initial: static fields initialise in textual order.
    public static readonly Decider<OrderCommand, OrderEvent, OrderState, OrderError> Decider =
        new(Decide, Evolve, Initial, IsTerminal);
}
