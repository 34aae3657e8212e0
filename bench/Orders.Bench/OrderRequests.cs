using System.Net.Http.Json;
using Orders.Decider;

namespace Orders.Bench;

/// <summary>The command request that, sent to the service, makes it write the given event.</summary>
public static class OrderRequests
{
    public static HttpRequestMessage Create(OrderEvent.OrderCreated created) =>
        new(HttpMethod.Post, "/api/v1/orders")
        {
            Content = JsonContent.Create(new { shopItems = Items(created.ShopItems), accountEmail = created.AccountEmail, deliveryAddress = created.DeliveryAddress }),
        };

    public static HttpRequestMessage FollowUp(Guid orderId, OrderEvent @event) =>
        @event switch
        {
            OrderEvent.ShoppingCartUpdated e => Json(HttpMethod.Put, $"cart/{orderId}", new { shopItems = Items(e.ShopItems) }),
            OrderEvent.DeliveryAddressChanged e => Json(HttpMethod.Put, $"address/{orderId}", new { deliveryAddress = e.DeliveryAddress }),
            OrderEvent.OrderPaid e => Json(HttpMethod.Put, $"pay/{orderId}", new { paymentId = e.PaymentId, timestamp = e.Timestamp }),
            OrderEvent.OrderSubmitted => new HttpRequestMessage(HttpMethod.Put, $"/api/v1/orders/submit/{orderId}"),
            OrderEvent.OrderCompleted e => Json(HttpMethod.Post, $"complete/{orderId}", new { deliveryTimestamp = e.DeliveryTimestamp }),
            OrderEvent.OrderCanceled e => Json(HttpMethod.Post, $"cancel/{orderId}", new { cancelReason = e.CancelReason }),
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Not a follow-up command's event."),
        };

    /// <summary>The route's name, for counting the mix of commands sent.</summary>
    public static string Name(OrderEvent @event) =>
        @event switch
        {
            OrderEvent.OrderCreated => "create",
            OrderEvent.ShoppingCartUpdated => "cart",
            OrderEvent.DeliveryAddressChanged => "address",
            OrderEvent.OrderPaid => "pay",
            OrderEvent.OrderSubmitted => "submit",
            OrderEvent.OrderCompleted => "complete",
            OrderEvent.OrderCanceled => "cancel",
            _ => @event.GetType().Name,
        };

    static HttpRequestMessage Json<T>(HttpMethod method, string path, T body) =>
        new(method, "/api/v1/orders/" + path) { Content = JsonContent.Create(body) };

    static object[] Items(ValueList<ShopItem> items) =>
        items.Select(i => (object)new { id = i.Id, title = i.Title, description = i.Description, quantity = i.Quantity, price = i.Price }).ToArray();
}

/// <summary>What a command endpoint answers.</summary>
public sealed record CommandAnswer(Guid OrderId, long Version);
