namespace Orders.Specs.Messaging;

/// <summary>Command messages as another service would send them: the documented envelope, one builder per command.</summary>
public static class CommandEnvelopes
{
    public static object Item(string id = "sku-1", decimal price = 19.99m, int quantity = 1) =>
        new { id, title = "Blue shirt", description = "Cotton", quantity, price };

    public static object Envelope(string messageId, string type, Guid orderId, object? data = null, long? expectedVersion = null) =>
        new { messageId, type, orderId, expectedVersion, data };

    public static object CreateOrder(string messageId, Guid orderId, string email = "alice@example.com") =>
        Envelope(messageId, "CreateOrder", orderId, new { shopItems = new[] { Item() }, accountEmail = email, deliveryAddress = "1 Main St" });

    public static object UpdateShoppingCart(string messageId, Guid orderId, params object[] items) =>
        Envelope(messageId, "UpdateShoppingCart", orderId, new { shopItems = items });

    public static object PayOrder(string messageId, Guid orderId, string paymentId = "pay-1") =>
        Envelope(messageId, "PayOrder", orderId, new { paymentId });

    public static object SubmitOrder(string messageId, Guid orderId) => Envelope(messageId, "SubmitOrder", orderId);

    public static object ChangeDeliveryAddress(string messageId, Guid orderId, string address) =>
        Envelope(messageId, "ChangeDeliveryAddress", orderId, new { deliveryAddress = address });

    public static object CancelOrder(string messageId, Guid orderId, string reason = "changed my mind") =>
        Envelope(messageId, "CancelOrder", orderId, new { cancelReason = reason });

    public static object CompleteOrder(string messageId, Guid orderId) =>
        Envelope(messageId, "CompleteOrder", orderId, new { deliveryTimestamp = "2026-05-01T10:00:00Z" });

    public static string NewMessageId() => Guid.NewGuid().ToString();
}
