using LanguageExt;
using Orders.Decider;

namespace Orders.Projections;

/// <summary>A cart line as the read side shows it.</summary>
public sealed record ShopItemDocument(string Id, string Title, string Description, int Quantity, decimal Price)
{
    public static IReadOnlyList<ShopItemDocument> From(Seq<ShopItem> items) =>
        items.Map(i => new ShopItemDocument(i.Id, i.Title, i.Description, i.Quantity, i.Price)).ToArray();

    public static Seq<ShopItem> ToShopItems(IReadOnlyList<ShopItemDocument> items) =>
        items.Select(i => new ShopItem(i.Id, i.Title, i.Description, i.Quantity, i.Price)).ToSeq().Strict();
}
