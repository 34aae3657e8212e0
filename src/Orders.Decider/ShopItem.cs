using LanguageExt;

namespace Orders.Decider;

/// <summary>One line of a cart. Prices are exact decimals; the original's float64 JSON numbers are read into them.</summary>
public sealed record ShopItem(string Id, string Title, string Description, int Quantity, decimal Price)
{
    public decimal LineTotal => Price * Quantity;

    public static decimal Total(ValueList<ShopItem> items) => items.Sum(item => item.LineTotal);
}
