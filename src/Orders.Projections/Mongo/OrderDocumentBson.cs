using MongoDB.Bson;
using Orders.Decider.Serialization;
using Orders.Projections.Documents;

namespace Orders.Projections.Mongo;

/// <summary>
/// An order document as the <c>orders</c> collection holds it: <c>_id</c> is the order id, the other fields are the
/// GET shape in camelCase. Money is Decimal128, so totals stay exact. Timestamps are the RFC 3339 text the GET
/// shows: a BSON date keeps only milliseconds in UTC, and a document read back must fold on exactly as it was.
/// </summary>
public static class OrderDocumentBson
{
    public static BsonDocument ToBson(OrderDocument document) =>
        new()
        {
            { "_id", Key(document.OrderId) },
            { "orderId", Key(document.OrderId) },
            { "accountEmail", document.AccountEmail },
            { "deliveryAddress", document.DeliveryAddress },
            { "shopItems", new BsonArray(document.ShopItems.Select(ToBson)) },
            { "totalPrice", new BsonDecimal128(document.TotalPrice) },
            { "status", document.Status },
            { "paid", document.Paid },
            { "submitted", document.Submitted },
            { "completed", document.Completed },
            { "canceled", document.Canceled },
            { "cancelReason", document.CancelReason },
            { "payment", document.Payment is { } payment ? ToBson(payment) : BsonNull.Value },
            { "deliveredTime", document.DeliveredTime is { } delivered ? GoTime.Format(delivered) : BsonNull.Value },
            { "createdAt", GoTime.Format(document.CreatedAt) },
            { "updatedAt", GoTime.Format(document.UpdatedAt) },
            { "version", document.Version },
        };

    public static OrderDocument FromBson(BsonDocument bson) =>
        new(
            Guid.Parse(bson["_id"].AsString),
            bson["accountEmail"].AsString,
            bson["deliveryAddress"].AsString,
            bson["shopItems"].AsBsonArray.Select(item => ShopItemFromBson(item.AsBsonDocument)).ToArray(),
            bson["totalPrice"].AsDecimal,
            bson["status"].AsString,
            bson["paid"].AsBoolean,
            bson["submitted"].AsBoolean,
            bson["completed"].AsBoolean,
            bson["canceled"].AsBoolean,
            bson["cancelReason"].AsString,
            bson["payment"] is BsonDocument payment
                ? new PaymentDocument(payment["paymentId"].AsString, GoTime.Parse(payment["timestamp"].AsString))
                : null,
            bson["deliveredTime"] is BsonString delivered ? GoTime.Parse(delivered.Value) : null,
            GoTime.Parse(bson["createdAt"].AsString),
            GoTime.Parse(bson["updatedAt"].AsString),
            bson["version"].ToInt64());

    /// <summary>The <c>_id</c> of an order's document: the hyphenated lower-case uuid, as in its stream name.</summary>
    public static string Key(Guid orderId) => orderId.ToString("D");

    static BsonDocument ToBson(ShopItemDocument item) =>
        new()
        {
            { "id", item.Id },
            { "title", item.Title },
            { "description", item.Description },
            { "quantity", item.Quantity },
            { "price", new BsonDecimal128(item.Price) },
        };

    static BsonDocument ToBson(PaymentDocument payment) =>
        new() { { "paymentId", payment.PaymentId }, { "timestamp", GoTime.Format(payment.Timestamp) } };

    static ShopItemDocument ShopItemFromBson(BsonDocument item) =>
        new(item["id"].AsString, item["title"].AsString, item["description"].AsString, item["quantity"].ToInt32(), item["price"].AsDecimal);
}
