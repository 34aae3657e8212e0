using LanguageExt;
using static LanguageExt.Prelude;
using static Orders.Decider.Tests.Specification.Examples;

namespace Orders.Decider.Tests.Validation;

/// <summary>The field limits of SPEC §3, each at its boundary, and every failing field reported at once by its JSON path.</summary>
public class OrderValidationSpecs
{
    static readonly ShopItem Item = new("sku-1", "Blue shirt", "Cotton", 1, 19.99m);

    static OrderCommand.CreateOrder CreateWith(params ShopItem[] items) =>
        new(OrderId, items.ToValueList(), Email, Address);

    static OrderCommand.CreateOrder CreateWith(ShopItem item) => CreateWith([item]);

    static string[] FailingFields(OrderCommand command) =>
        OrderValidation.Validate(command).Map(e => e.Field).ToArray();

    static void Valid(OrderCommand command) => Assert.Empty(OrderValidation.Validate(command));

    static void Fails(OrderCommand command, params string[] fields) => Assert.Equal(fields, FailingFields(command));

    static string Chars(int length) => new('x', length);

    [Fact]
    public void Accepts_every_command_within_its_limits()
    {
        Valid(CreateOrder());
        Valid(UpdateCart(Cart));
        Valid(PayOrder(PaymentId));
        Valid(SubmitOrder());
        Valid(ChangeAddress(OtherAddress));
        Valid(CancelOrder(Reason));
        Valid(CompleteOrder());
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(64, true)]
    [InlineData(65, false)]
    [InlineData(0, false)]
    public void Item_id_is_non_empty_and_at_most_64_characters(int length, bool valid) =>
        Check(CreateWith(Item with { Id = Chars(length) }), valid, "shopItems[0].id");

    [Theory]
    [InlineData(1, true)]
    [InlineData(200, true)]
    [InlineData(201, false)]
    [InlineData(0, false)]
    public void Item_title_is_non_empty_and_at_most_200_characters(int length, bool valid) =>
        Check(CreateWith(Item with { Title = Chars(length) }), valid, "shopItems[0].title");

    [Theory]
    [InlineData(0, true)]
    [InlineData(2000, true)]
    [InlineData(2001, false)]
    public void Item_description_may_be_empty_and_is_at_most_2000_characters(int length, bool valid) =>
        Check(CreateWith(Item with { Description = Chars(length) }), valid, "shopItems[0].description");

    [Fact]
    public void Item_id_and_title_of_only_blanks_count_as_empty() =>
        Fails(CreateWith(Item with { Id = "  ", Title = "\t" }), "shopItems[0].id", "shopItems[0].title");

    [Theory]
    [InlineData(1, true)]
    [InlineData(10_000, true)]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(10_001, false)]
    public void Item_quantity_is_between_1_and_10000(int quantity, bool valid) =>
        Check(CreateWith(Item with { Quantity = quantity }), valid, "shopItems[0].quantity");

    [Theory]
    [InlineData("0", true)]
    [InlineData("0.01", true)]
    [InlineData("19.99", true)]
    [InlineData("19.990", true)]
    [InlineData("1000000", true)]
    [InlineData("-0.01", false)]
    [InlineData("-1", false)]
    [InlineData("0.001", false)]
    [InlineData("19.999", false)]
    public void Item_price_is_not_negative_and_has_at_most_2_fraction_digits(string price, bool valid) =>
        Check(CreateWith(Item with { Price = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture) }), valid, "shopItems[0].price");

    [Theory]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(0, false)]
    [InlineData(101, false)]
    public void An_order_holds_1_to_100_items(int count, bool valid) =>
        Check(CreateWith(Enumerable.Repeat(Item, count).ToArray()), valid, "shopItems");

    [Fact]
    public void A_cart_update_holds_1_to_100_items_too()
    {
        Fails(UpdateCart(ValueList<ShopItem>.Empty), "shopItems");
        Fails(UpdateCart(Enumerable.Repeat(Item, 101).ToValueList()), "shopItems");
        Valid(UpdateCart(Enumerable.Repeat(Item, 100).ToValueList()));
    }

    [Fact]
    public void Item_fields_are_named_by_their_index_in_the_cart() =>
        Fails(
            UpdateCart([Item, Item with { Price = 1.005m }, Item, Item with { Quantity = 0, Title = "" }]),
            "shopItems[1].price", "shopItems[3].title", "shopItems[3].quantity");

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("first.last+tag@mail.example.co.uk")]
    [InlineData("o'hara@example.ie")]
    public void Accepts_valid_email_addresses(string email) =>
        Valid(new OrderCommand.CreateOrder(OrderId, Cart, email, Address));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("alice")]
    [InlineData("alice@")]
    [InlineData("@example.com")]
    [InlineData("alice@example")]
    [InlineData("alice smith@example.com")]
    [InlineData("alice@example.com ")]
    [InlineData("Alice <alice@example.com>")]
    [InlineData("alice@@example.com")]
    public void Rejects_invalid_email_addresses(string email) =>
        Fails(new OrderCommand.CreateOrder(OrderId, Cart, email, Address), "accountEmail");

    [Fact]
    public void Email_is_at_most_254_characters()
    {
        // 64 + 1 + 189 = 254: a local part of 64 and a domain of labels no longer than 63.
        var domain = $"{new string('b', 63)}.{new string('c', 63)}.{new string('d', 61)}";
        var longest = $"{new string('a', 64)}@{domain}";
        Assert.Equal(254, longest.Length);
        Valid(new OrderCommand.CreateOrder(OrderId, Cart, longest, Address));
        Fails(new OrderCommand.CreateOrder(OrderId, Cart, "a" + longest, Address), "accountEmail");
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(500, true)]
    [InlineData(501, false)]
    [InlineData(0, false)]
    public void Delivery_address_is_non_empty_and_at_most_500_characters(int length, bool valid)
    {
        Check(new OrderCommand.CreateOrder(OrderId, Cart, Email, Chars(length)), valid, "deliveryAddress");
        Check(ChangeAddress(Chars(length)), valid, "deliveryAddress");
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(500, true)]
    [InlineData(501, false)]
    [InlineData(0, false)]
    public void Cancel_reason_is_non_empty_and_at_most_500_characters(int length, bool valid) =>
        Check(CancelOrder(Chars(length)), valid, "cancelReason");

    [Theory]
    [InlineData(1, true)]
    [InlineData(128, true)]
    [InlineData(129, false)]
    [InlineData(0, false)]
    public void Payment_id_is_non_empty_and_at_most_128_characters(int length, bool valid) =>
        Check(PayOrder(Chars(length)), valid, "paymentId");

    [Fact]
    public void Blank_address_reason_and_payment_id_count_as_empty()
    {
        Fails(ChangeAddress(" \n "), "deliveryAddress");
        Fails(CancelOrder("  "), "cancelReason");
        Fails(PayOrder("\t"), "paymentId");
    }

    [Fact]
    public void Reports_every_failing_field_of_a_command_at_once() =>
        Fails(
            new OrderCommand.CreateOrder(
                OrderId,
                [Item with { Id = "", Description = Chars(2001) }, Item with { Price = -0.5m, Quantity = 10_001 }],
                "not an email",
                ""),
            "shopItems[0].id",
            "shopItems[0].description",
            "shopItems[1].quantity",
            "shopItems[1].price",
            "accountEmail",
            "deliveryAddress");

    [Fact]
    public void Names_a_price_that_is_both_negative_and_too_precise_once_per_reason() =>
        Fails(CreateWith(Item with { Price = -0.125m }), "shopItems[0].price", "shopItems[0].price");

    static void Check(OrderCommand command, bool valid, string field)
    {
        if (valid)
            Valid(command);
        else
            Fails(command, field);
    }
}
