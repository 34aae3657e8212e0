using System.Globalization;
using System.Text;
using System.Text.Json;
using Orders.Decider.Serialization;

namespace Orders.Decider.Tests.Serialization;

/// <summary>Streams the original service wrote (fixtures/streams.jsonl) fold to the states it showed (fixtures/expected.json).</summary>
public class SeedStreamSpecs
{
    sealed record StoredEvent(string Stream, long Revision, string Type, string Data);

    static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");

    static readonly Lazy<StoredEvent[]> Recorded = new(() =>
        File.ReadLines(Path.Combine(Fixtures, "streams.jsonl"))
            .Where(line => line.Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => new StoredEvent(
                e.GetProperty("stream").GetString()!,
                e.GetProperty("revision").GetInt64(),
                e.GetProperty("type").GetString()!,
                e.GetProperty("data").GetString()!))
            .ToArray());

    static readonly Lazy<JsonElement> Expected = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "expected.json"))).RootElement);

    public static TheoryData<string> Streams() => [.. Expected.Value.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void Every_recorded_event_decodes_to_an_order_event()
    {
        Assert.NotEmpty(Recorded.Value);
        foreach (var recorded in Recorded.Value)
            Assert.NotNull(OrderEventCodec.Decode(recorded.Type, Encoding.UTF8.GetBytes(recorded.Data)));
    }

    [Fact]
    public void Every_recorded_stream_has_an_expected_state() =>
        Assert.Equal(
            Recorded.Value.Select(e => e.Stream).Distinct().Order(),
            Expected.Value.EnumerateObject().Select(p => p.Name).Order());

    [Theory]
    [MemberData(nameof(Streams))]
    public void A_recorded_stream_folds_to_the_expected_state(string stream)
    {
        var events = Recorded.Value.Where(e => e.Stream == stream).OrderBy(e => e.Revision).ToArray();
        Assert.Equal(Enumerable.Range(0, events.Length).Select(i => (long)i), events.Select(e => e.Revision));
        var order = Assert.IsType<OrderState.Placed>(events
            .Select(e => OrderEventCodec.Decode(e.Type, Encoding.UTF8.GetBytes(e.Data))!)
            .Aggregate(OrderDecider.Initial, OrderDecider.Evolve));
        var expected = Expected.Value.GetProperty(stream);

        Assert.Equal(Text(expected, "status"), order.Status.ToString().ToLowerInvariant());
        Assert.Equal(decimal.Parse(Text(expected, "totalPrice")!, CultureInfo.InvariantCulture), order.TotalPrice);
        Assert.Equal(Text(expected, "accountEmail"), order.AccountEmail);
        Assert.Equal(Text(expected, "deliveryAddress"), order.DeliveryAddress);
        Assert.Equal(
            (Flag(expected, "paid"), Flag(expected, "submitted"), Flag(expected, "completed"), Flag(expected, "canceled")),
            (order.Paid, order.Submitted, order.Completed, order.Canceled));
        Assert.Equal(Text(expected, "cancelReason"), order.CancelReason);
        Assert.Equal(
            expected.TryGetProperty("payment", out var payment) ? Text(payment, "paymentId") : null,
            order.Payment?.PaymentId);
        Assert.Equal(expected.GetProperty("version").GetInt64(), events[^1].Revision);
        Assert.Equal(expected.GetProperty("items").GetInt32(), order.ShopItems.Count);
    }

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() : null;

    static bool Flag(JsonElement element, string name) => element.GetProperty(name).GetBoolean();
}
