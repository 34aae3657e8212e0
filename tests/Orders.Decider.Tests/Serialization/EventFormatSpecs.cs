using System.Text;
using System.Text.Json;
using LanguageExt;
using Orders.Decider.Serialization;
using static LanguageExt.Prelude;

namespace Orders.Decider.Tests.Serialization;

/// <summary>The details of the original service's format that its stored streams depend on.</summary>
public class EventFormatSpecs
{
    static OrderEvent? Decode(string type, string data) => OrderEventCodec.Decode(type, Encoding.UTF8.GetBytes(data));

    static JsonElement Written(OrderEvent @event) => JsonDocument.Parse(OrderEventCodec.Encode(@event)).RootElement;

    static readonly OrderEvent[] OneOfEach =
    [
        new OrderEvent.OrderCreated([new ShopItem("sku-1", "Shirt", "", 1, 19.99m)], "alice@example.com", "1 Main St"),
        new OrderEvent.ShoppingCartUpdated([new ShopItem("sku-2", "Socks", "Wool", 3, 4.5m)]),
        new OrderEvent.OrderPaid("pay-42", new DateTimeOffset(2022, 2, 20, 15, 4, 5, TimeSpan.FromHours(3))),
        new OrderEvent.OrderSubmitted(),
        new OrderEvent.DeliveryAddressChanged("2 Elm St"),
        new OrderEvent.OrderCanceled("changed my mind"),
        new OrderEvent.OrderCompleted(new DateTimeOffset(2022, 2, 21, 9, 30, 0, TimeSpan.Zero)),
    ];

    [Fact]
    public void Every_event_type_has_the_original_type_string() =>
        Assert.Equal(
            ["V1_ORDER_CREATED", "V1_SHOPPING_CART_UPDATED", "V1_ORDER_PAID", "V1_ORDER_SUBMITTED",
             "V1_DELIVERY_ADDRESS_CHANGED", "V1_ORDER_CANCELED", "V1_ORDER_COMPLETED"],
            OneOfEach.Select(OrderEventCodec.TypeOf));

    [Fact]
    public void Every_event_type_decodes_what_it_encodes()
    {
        foreach (var @event in OneOfEach)
            Assert.Equal(@event, OrderEventCodec.Decode(OrderEventCodec.TypeOf(@event), OrderEventCodec.Encode(@event)));
    }

    [Fact]
    public void Order_submitted_is_written_as_zero_bytes() =>
        Assert.Empty(OrderEventCodec.Encode(new OrderEvent.OrderSubmitted()));

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"submittedAt\":\"2022-02-20T12:00:00Z\"}")]
    public void Order_submitted_is_read_from_no_data_or_any_object(string data) =>
        Assert.Equal(new OrderEvent.OrderSubmitted(), Decode("V1_ORDER_SUBMITTED", data));

    [Fact]
    public void The_payment_id_is_written_as_paymentID() =>
        Assert.Equal(
            ["paymentID", "timestamp"],
            Written(new OrderEvent.OrderPaid("pay-42", default)).EnumerateObject().Select(p => p.Name));

    [Theory]
    [InlineData("paymentID")]
    [InlineData("paymentId")]
    [InlineData("PAYMENTID")]
    public void Field_names_are_read_case_insensitively(string name) =>
        Assert.Equal(
            new OrderEvent.OrderPaid("pay-42", new DateTimeOffset(2022, 2, 20, 12, 0, 0, TimeSpan.Zero)),
            Decode("V1_ORDER_PAID", $"{{\"{name}\":\"pay-42\",\"TimeStamp\":\"2022-02-20T12:00:00Z\"}}"));

    [Theory]
    [InlineData("49.00", "49")]
    [InlineData("19.99", "19.99")]
    [InlineData("4.50", "4.5")]
    [InlineData("0.00", "0")]
    [InlineData("1000000", "1000000")]
    public void Prices_are_written_as_json_numbers_without_trailing_zeros(string price, string written)
    {
        var item = new ShopItem("sku-1", "Shirt", "", 1, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture));
        var json = Written(new OrderEvent.ShoppingCartUpdated([item])).GetProperty("shopItems")[0].GetProperty("price");
        Assert.Equal((JsonValueKind.Number, written), (json.ValueKind, json.GetRawText()));
    }

    [Fact]
    public void Prices_are_read_from_json_numbers_exactly() =>
        Assert.Equal(
            new OrderEvent.ShoppingCartUpdated([
                new ShopItem("a", "A", "", 1, 0.1m), new ShopItem("b", "B", "", 2, 19.99m), new ShopItem("c", "C", "", 3, 100m)]),
            Decode("V1_SHOPPING_CART_UPDATED",
                """{"shopItems":[{"id":"a","title":"A","quantity":1,"price":0.1},{"id":"b","title":"B","quantity":2,"price":19.99},{"id":"c","title":"C","quantity":3,"price":1e2}]}"""));

    [Fact]
    public void Unknown_fields_are_ignored() =>
        Assert.Equal(
            new OrderEvent.OrderCreated([new ShopItem("sku-1", "Shirt", "", 1, 5m)], "alice@example.com", "1 Main St"),
            Decode("V1_ORDER_CREATED",
                """{"orderId":"x","shopItems":[{"id":"sku-1","title":"Shirt","quantity":1,"price":5,"sku":{"a":[1,2]}}],"accountEmail":"alice@example.com","deliveryAddress":"1 Main St","extra":null}"""));

    [Fact]
    public void Missing_strings_read_as_empty_and_a_missing_cart_as_no_items() =>
        Assert.Equal(new OrderEvent.OrderCreated(ValueList<ShopItem>.Empty, "", ""), Decode("V1_ORDER_CREATED", "{}"));

    [Fact]
    public void Go_timestamps_with_nine_fraction_digits_and_an_offset_keep_the_instant_and_the_offset()
    {
        var paid = Assert.IsType<OrderEvent.OrderPaid>(
            Decode("V1_ORDER_PAID", """{"paymentID":"p","timestamp":"2022-02-20T15:04:05.123456789+03:00"}"""));
        var expected = new DateTimeOffset(2022, 2, 20, 15, 4, 5, TimeSpan.FromHours(3)).AddTicks(1_234_567);
        Assert.Equal((expected, TimeSpan.FromHours(3)), (paid.Timestamp, paid.Timestamp.Offset));
    }

    [Theory]
    [InlineData("2022-02-20T12:00:00Z", 0, 0)]
    [InlineData("2022-02-20T12:00:00.5Z", 5_000_000, 0)]
    [InlineData("2022-02-20T12:00:00.000000001Z", 0, 0)]
    [InlineData("2022-02-20T12:00:00.12345678-05:30", 1_234_567, -330)]
    [InlineData("2022-02-20T12:00:00+14:00", 0, 840)]
    public void Go_timestamps_parse_with_up_to_nine_fraction_digits(string text, long ticks, int offsetMinutes) =>
        Assert.Equal(
            new DateTimeOffset(2022, 2, 20, 12, 0, 0, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(ticks),
            GoTime.Parse(text));

    /// <summary>Without an offset the instant would depend on the reading machine's time zone; Go refuses it too.</summary>
    [Theory]
    [InlineData("2022-02-20T12:00:00")]
    [InlineData("2022-02-20T12:00:00.5")]
    [InlineData("2022-02-20T12:00:00.123456789")]
    public void GoTime_rejects_a_timestamp_without_an_offset(string text) =>
        Assert.False(GoTime.TryParse(text, out _));

    [Fact]
    public void Go_zero_time_reads_as_the_default_timestamp()
    {
        var paid = Assert.IsType<OrderEvent.OrderPaid>(Decode("V1_ORDER_PAID", """{"paymentID":"p","timestamp":"0001-01-01T00:00:00Z"}"""));
        Assert.Equal((default(DateTimeOffset), TimeSpan.Zero), (paid.Timestamp, paid.Timestamp.Offset));
    }

    [Fact]
    public void A_missing_or_null_timestamp_reads_as_go_zero_time()
    {
        Assert.Equal(new OrderEvent.OrderPaid("p", default), Decode("V1_ORDER_PAID", """{"paymentID":"p"}"""));
        Assert.Equal(new OrderEvent.OrderCompleted(default), Decode("V1_ORDER_COMPLETED", """{"deliveryTimestamp":null}"""));
    }

    [Fact]
    public void The_default_timestamp_is_written_as_go_zero_time() =>
        Assert.Equal("0001-01-01T00:00:00Z", Written(new OrderEvent.OrderCompleted(default)).GetProperty("deliveryTimestamp").GetString());

    [Theory]
    [InlineData(0, 0, "2022-02-20T12:00:00Z")]
    [InlineData(5_000_000, 0, "2022-02-20T12:00:00.5Z")]
    [InlineData(1_230_000, 60, "2022-02-20T12:00:00.123+01:00")]
    [InlineData(1_234_567, -330, "2022-02-20T12:00:00.1234567-05:30")]
    [InlineData(1, 0, "2022-02-20T12:00:00.0000001Z")]
    public void GoTime_formats_utc_as_Z_and_trims_trailing_zeros(long ticks, int offsetMinutes, string expected) =>
        Assert.Equal(expected, GoTime.Format(new DateTimeOffset(2022, 2, 20, 12, 0, 0, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(ticks)));

    [Theory]
    [InlineData("V1_ORDER_CREATED", "not json")]
    [InlineData("V1_ORDER_CREATED", "{")]
    [InlineData("V1_ORDER_CREATED", "null")]
    [InlineData("V1_ORDER_CREATED", "[]")]
    [InlineData("V1_ORDER_CREATED", """{"shopItems":{"id":"x"}}""")]
    [InlineData("V1_SHOPPING_CART_UPDATED", """{"shopItems":[{"id":"a","quantity":1,"price":"19.99"}]}""")]
    [InlineData("V1_SHOPPING_CART_UPDATED", """{"shopItems":[{"id":"a","quantity":1.5,"price":1}]}""")]
    [InlineData("V1_SHOPPING_CART_UPDATED", """{"shopItems":[{"id":"a","quantity":1,"price":1e40}]}""")]
    [InlineData("V1_ORDER_PAID", """{"paymentID":42}""")]
    [InlineData("V1_ORDER_PAID", """{"paymentID":"p","timestamp":"yesterday"}""")]
    [InlineData("V1_ORDER_PAID", """{"paymentID":"p","timestamp":1645358400}""")]
    [InlineData("V1_ORDER_PAID", """{"paymentID":"p","timestamp":"2022-02-20T12:00:00.1234567890Z"}""")]
    [InlineData("V1_ORDER_PAID", """{"paymentID":"p","timestamp":"2022-02-20T12:00:00"}""")]
    [InlineData("V1_ORDER_COMPLETED", """{"deliveryTimestamp":"2022-02-20 12:00:00Z"}""")]
    [InlineData("V1_DELIVERY_ADDRESS_CHANGED", """{"deliveryAddress":["a"]}""")]
    [InlineData("V1_ORDER_CANCELED", "\"changed my mind\"")]
    public void Malformed_data_throws_an_event_decoding_exception(string type, string data)
    {
        var error = Assert.Throws<EventDecodingException>(() => Decode(type, data));
        Assert.Equal(type, error.EventType);
    }

    [Theory]
    [InlineData("V1_ORDER_SHIPPED")]
    [InlineData("v1_order_created")]
    [InlineData("$metadata")]
    [InlineData("")]
    public void An_unknown_type_decodes_to_null_whatever_its_data(string type) =>
        Assert.Null(Decode(type, "not even json"));
}
