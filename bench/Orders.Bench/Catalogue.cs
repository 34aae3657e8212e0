using System.Globalization;
using Orders.Decider;

namespace Orders.Bench;

/// <summary>
/// A small shop: 240 titles (colour × product) with descriptions drawn from a few phrases, so that a search for a
/// colour matches several percent of the orders and a search for a title a fraction of one percent, as in a
/// real catalogue.
/// </summary>
public static class Catalogue
{
    public static readonly string[] Colours =
        ["Blue", "Red", "Green", "Black", "White", "Grey", "Yellow", "Navy", "Brown", "Olive", "Silver", "Golden"];

    public static readonly string[] Products =
    [
        "shirt", "jacket", "espresso machine", "coffee beans", "teapot", "kettle", "backpack", "notebook", "desk lamp",
        "headphones", "keyboard", "monitor", "water bottle", "running shoes", "umbrella", "scarf", "blanket",
        "frying pan", "chef knife", "yoga mat",
    ];

    static readonly string[] Details =
    [
        "cotton, slim fit", "stainless steel", "hand made in small batches", "1 kg, medium roast", "with a two year warranty",
        "recycled materials", "waterproof shell", "ergonomic design", "machine washable", "gift wrapped on request",
    ];

    public static ValueList<ShopItem> Cart(Random random) =>
        Enumerable.Range(0, random.Next(1, 5)).Select(_ => Item(random)).ToValueList();

    public static ShopItem Item(Random random)
    {
        var colour = random.Next(Colours.Length);
        var product = random.Next(Products.Length);
        return new ShopItem(
            $"sku-{colour:00}-{product:00}",
            $"{Colours[colour]} {Products[product]}",
            $"{Details[random.Next(Details.Length)]}, {Details[random.Next(Details.Length)]}",
            random.Next(1, 4),
            Math.Round((decimal)(random.NextDouble() * 300) + 1, 2));
    }

    public static string Email(Random random) => $"buyer{random.Next(1_000_000).ToString(CultureInfo.InvariantCulture)}@example.com";

    public static string Address(Random random) =>
        $"{random.Next(1, 999).ToString(CultureInfo.InvariantCulture)} {Colours[random.Next(Colours.Length)]} Street, Springfield";
}
