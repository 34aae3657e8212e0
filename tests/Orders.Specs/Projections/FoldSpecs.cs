using System.Globalization;
using Orders.Decider;
using Orders.Decider.Serialization;
using Orders.EventStore;
using Orders.Projections;
using Orders.Projections.Documents;
using static Orders.Specs.Projections.OrderHistories;

namespace Orders.Specs.Projections;

public sealed class FoldSpecs
{
    static readonly Guid OrderId = Guid.Parse("0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

    static readonly OrderDocumentProjection Orders = OrderDocumentProjection.Instance;

    static List<ProjectedEvent> Decoded(IEnumerable<RecordedEvent> events) =>
        events.Select(e => ProjectedEvent.Decode(e)!).ToList();

    static SortedDictionary<string, TDocument?> FoldByStream<TDocument>(
        OrderProjection<TDocument> projection, IEnumerable<RecordedEvent> events)
        where TDocument : class, IVersionedDocument =>
        new(Decoded(events).GroupBy(e => e.Recorded.StreamId)
            .ToDictionary(stream => stream.Key, stream => projection.Fold(stream)), StringComparer.Ordinal);

    static IReadOnlyList<RecordedEvent> FullLifecycle() =>
        Record(OrderId, Decide(
            Create(OrderId, Item("sku-1", "Blue shirt", "Cotton, slim fit", 2, 19.99m)),
            new OrderCommand.UpdateShoppingCart(OrderId, Cart(Item("sku-1", "Blue shirt", "Cotton", 1, 19.99m), Item("sku-2", "Wool socks", "", 3, 4.5m))),
            new OrderCommand.PayOrder(OrderId, "pay-1", Start.AddHours(1)),
            new OrderCommand.SubmitOrder(OrderId),
            new OrderCommand.ChangeDeliveryAddress(OrderId, "221B Baker St"),
            new OrderCommand.CompleteOrder(OrderId, new DateTimeOffset(2026, 3, 2, 17, 30, 0, 250, TimeSpan.FromHours(2)))));

    static IReadOnlyList<RecordedEvent> CanceledAfterPayment() =>
        Record(OrderId, Decide(
            Create(OrderId, Item("sku-9", "Laptop stand", "Aluminium", 1, 35m)),
            new OrderCommand.PayOrder(OrderId, "pay-2", Start.AddMinutes(5)),
            new OrderCommand.CancelOrder(OrderId, "out of stock")));

    /// <summary>Facts the original allowed and this decider now refuses: they must still fold.</summary>
    static IReadOnlyList<RecordedEvent> WrittenByTheOriginalOnly() =>
        Record(OrderId, [
            new OrderEvent.OrderCreated(Cart(Item("sku-1", "Desk lamp", "LED", 1, 25m)), "old@example.com", "1 Old Rd"),
            new OrderEvent.OrderPaid("pay-3", Start),
            new OrderEvent.ShoppingCartUpdated(Cart(Item("sku-1", "Desk lamp", "LED", 2, 25m))),
            new OrderEvent.OrderCompleted(Start.AddDays(1)),
            new OrderEvent.OrderSubmitted(),
            new OrderEvent.OrderCanceled("too late"),
            new OrderEvent.OrderCanceled("again"),
            new OrderEvent.DeliveryAddressChanged("2 New Rd"),
        ]);

    [Fact]
    public void The_original_services_streams_fold_to_the_pinned_order_documents() =>
        ApprovedFile.Verify(DocumentJson.Write(FoldByStream(Orders, SeedFixtures.Events())), "fixtures.order-documents");

    [Fact]
    public void The_original_services_streams_fold_to_the_state_the_fixtures_expect()
    {
        var documents = FoldByStream(Orders, SeedFixtures.Events());
        foreach (var (stream, expected) in SeedFixtures.Expected())
        {
            var document = documents[stream]!;
            Assert.Equal(expected.GetProperty("status").GetString(), document.Status);
            Assert.Equal(decimal.Parse(expected.GetProperty("totalPrice").GetString()!, CultureInfo.InvariantCulture), document.TotalPrice);
            Assert.Equal(expected.GetProperty("accountEmail").GetString(), document.AccountEmail);
            Assert.Equal(expected.GetProperty("deliveryAddress").GetString(), document.DeliveryAddress);
            Assert.Equal(expected.GetProperty("paid").GetBoolean(), document.Paid);
            Assert.Equal(expected.GetProperty("submitted").GetBoolean(), document.Submitted);
            Assert.Equal(expected.GetProperty("completed").GetBoolean(), document.Completed);
            Assert.Equal(expected.GetProperty("canceled").GetBoolean(), document.Canceled);
            Assert.Equal(expected.TryGetProperty("cancelReason", out var reason) ? reason.GetString() : "", document.CancelReason);
            Assert.Equal(expected.TryGetProperty("payment", out var payment) ? payment.GetProperty("paymentId").GetString() : null, document.Payment?.PaymentId);
            Assert.Equal(expected.GetProperty("version").GetInt64(), document.Version);
            Assert.Equal(expected.GetProperty("items").GetInt32(), document.ShopItems.Count);
        }
    }

    [Fact]
    public void A_full_lifecycle_folds_to_the_pinned_document() =>
        ApprovedFile.Verify(DocumentJson.Write(Orders.Fold(Decoded(FullLifecycle()))), "full-lifecycle");

    [Fact]
    public void An_order_canceled_after_payment_folds_to_the_pinned_document() =>
        ApprovedFile.Verify(DocumentJson.Write(Orders.Fold(Decoded(CanceledAfterPayment()))), "canceled-after-payment");

    [Fact]
    public void Facts_only_the_original_wrote_fold_to_the_pinned_document() =>
        ApprovedFile.Verify(DocumentJson.Write(Orders.Fold(Decoded(WrittenByTheOriginalOnly()))), "written-by-the-original-only");

    [Fact]
    public void The_documents_take_created_and_updated_times_and_the_version_from_the_log()
    {
        var events = FullLifecycle();
        var document = Orders.Fold(Decoded(events))!;

        Assert.Equal(events[0].Created, document.CreatedAt);
        Assert.Equal(events[^1].Created, document.UpdatedAt);
        Assert.Equal(events.Count - 1, document.Version);
        Assert.Equal(19.99m + 3 * 4.5m, document.TotalPrice);
    }

    [Fact]
    public void A_redelivered_event_changes_nothing()
    {
        var events = Decoded(FullLifecycle());
        var once = Orders.Fold(events)!;
        var afterRedelivery = Orders.Fold(events.Concat(events).Concat(events.Take(3)));
        var earlier = Orders.Apply(once, events[2]);

        Assert.Equal(DocumentJson.Write(once), DocumentJson.Write(afterRedelivery));
        Assert.Same(once, earlier);
    }

    [Fact]
    public void Events_before_the_order_was_created_leave_no_document()
    {
        var events = Decoded(CanceledAfterPayment());

        Assert.Null(Orders.Fold(events.Skip(1)));
    }

    [Fact]
    public void Folding_on_from_a_stored_document_gives_what_one_fold_gives()
    {
        foreach (var history in new[] { FullLifecycle(), CanceledAfterPayment(), WrittenByTheOriginalOnly() })
        {
            var events = Decoded(history);
            for (var split = 1; split < events.Count; split++)
            {
                var orderPart = DocumentJson.RoundTrip(Orders.Fold(events.Take(split)));

                Assert.Equal(DocumentJson.Write(Orders.Fold(events)), DocumentJson.Write(Orders.Fold(events.Skip(split), orderPart)));
            }
        }
    }

    [Fact]
    public void Folding_many_events_at_once_gives_what_applying_each_in_turn_gives()
    {
        var redelivered = Decoded(FullLifecycle()).Concat(Decoded(FullLifecycle()).Take(2)).ToList();
        foreach (var history in new[] { Decoded(FullLifecycle()), Decoded(CanceledAfterPayment()), Decoded(WrittenByTheOriginalOnly()), redelivered })
        {
            for (var split = 0; split <= history.Count; split++)
            {
                var orderStart = Orders.Fold(history.Take(split));
                var rest = history.Skip(split).ToList();

                Assert.Equal(DocumentJson.Write(rest.Aggregate(orderStart, Orders.Apply)), DocumentJson.Write(Orders.Fold(rest, orderStart)));
            }
        }
        Assert.Null(Orders.Fold(Decoded(CanceledAfterPayment()).Skip(1)));
    }

    [Fact]
    public void Events_of_other_types_and_streams_are_not_projected()
    {
        var order = FullLifecycle()[0];

        Assert.Null(ProjectedEvent.Decode(order with { Type = "V1_SOMETHING_ELSE" }));
        Assert.Null(ProjectedEvent.Decode(order with { StreamId = "order-not-a-uuid" }));
        Assert.Throws<EventDecodingException>(() => ProjectedEvent.Decode(order with { Data = "{\"shopItems\":7}"u8.ToArray() }));
    }
}
