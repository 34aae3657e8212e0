using System.Text.Json.Serialization;
using Orders.Decider.Serialization;

namespace Orders.Projections.Search;

/// <summary>
/// An order as the search index holds it. The items are kept whole (not only their titles and descriptions) so
/// that the fold can rebuild the cart, and with it the total, from the document alone.
/// </summary>
public sealed record SearchDocument(
    Guid Id,
    string Email,
    string Address,
    IReadOnlyList<ShopItemDocument> Items,
    decimal Total,
    string Status,
    [property: JsonConverter(typeof(GoTimeJsonConverter))] DateTimeOffset CreatedAt,
    long Version) : IVersionedDocument
{
    Guid IVersionedDocument.OrderId => Id;
}
