using LanguageExt;
using Orders.Decider;

namespace Orders.Host.Http;

// The JSON bodies of the original service's routes. Every field is optional here so that a missing one is reported
// by validation, with its name, rather than by the JSON reader.

public sealed record ShopItemBody(string? Id, string? Title, string? Description, int Quantity, decimal Price);

public sealed record CreateOrderBody
{
    public ShopItemBody[]? ShopItems { get; init; }
    public string? AccountEmail { get; init; }
    public string? DeliveryAddress { get; init; }
}

public sealed record UpdateShoppingCartBody
{
    public ShopItemBody[]? ShopItems { get; init; }
}

public sealed record PayOrderBody
{
    public string? PaymentId { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
}

public sealed record ChangeDeliveryAddressBody
{
    public string? DeliveryAddress { get; init; }
}

public sealed record CancelOrderBody
{
    public string? CancelReason { get; init; }
}

public sealed record CompleteOrderBody
{
    public DateTimeOffset? DeliveryTimestamp { get; init; }
}

/// <summary>What a command endpoint answers: the order and the stream version it is now at.</summary>
public sealed record OrderCommandResponse(Guid OrderId, long Version);

static class BodyMapping
{
    public static ValueList<ShopItem> ToShopItems(this ShopItemBody[]? items) =>
        (items ?? []).Select(i => i is null
                ? new ShopItem("", "", "", 0, 0)
                : new ShopItem(i.Id ?? "", i.Title ?? "", i.Description ?? "", i.Quantity, i.Price))
            .ToValueList();
}
