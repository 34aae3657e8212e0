using System.Text.Json.Serialization;
using Orders.Decider.Serialization;

namespace Orders.Projections.Documents;

/// <summary>
/// An order as <c>GET /api/v1/orders/{id}</c> returns it. <see cref="CancelReason"/> is empty rather than null
/// when the order was not canceled, as the original's Go strings were.
/// </summary>
public sealed record OrderDocument(
    Guid OrderId,
    string AccountEmail,
    string DeliveryAddress,
    IReadOnlyList<ShopItemDocument> ShopItems,
    decimal TotalPrice,
    string Status,
    bool Paid,
    bool Submitted,
    bool Completed,
    bool Canceled,
    string CancelReason,
    PaymentDocument? Payment,
    [property: JsonConverter(typeof(GoTimeJsonConverter))] DateTimeOffset? DeliveredTime,
    [property: JsonConverter(typeof(GoTimeJsonConverter))] DateTimeOffset CreatedAt,
    [property: JsonConverter(typeof(GoTimeJsonConverter))] DateTimeOffset UpdatedAt,
    long Version) : IVersionedDocument;

public sealed record PaymentDocument(
    string PaymentId,
    [property: JsonConverter(typeof(GoTimeJsonConverter))] DateTimeOffset Timestamp);
