using Orders.Projections;
using Orders.Projections.Documents;

namespace Orders.Specs.Projections.Contracts;

/// <summary>The order documents' store: the projection store's contract, and the query GET reads.</summary>
public abstract class OrderDocumentStoreContract : ProjectionStoreContract<OrderDocument>
{
    protected override OrderProjection<OrderDocument> Projection => OrderDocumentProjection.Instance;

    IOrderQueries Queries => (IOrderQueries)Store;

    protected override OrderDocument Document(Guid orderId, long version, string title) =>
        new(
            orderId,
            "buyer@example.com",
            "1 Main St",
            [new ShopItemDocument("sku-1", title, "Cotton, slim fit", 2, 19.99m)],
            39.98m,
            "pending",
            Paid: false,
            Submitted: false,
            Completed: false,
            Canceled: false,
            CancelReason: "",
            Payment: null,
            DeliveredTime: null,
            CreatedAt: Monday,
            UpdatedAt: Monday.AddMinutes(version),
            version);

    /// <summary>Every field set, with exact money, sub-millisecond timestamps and a non-UTC offset.</summary>
    [SkippableFact]
    public async Task The_query_reads_every_field_back_exactly_as_stored()
    {
        var document = new OrderDocument(
            Guid.NewGuid(),
            "zoë@example.com",
            "Flat 2, 10 Downing St",
            [new ShopItemDocument("sku-1", "Blue shirt", "Cotton", 3, 0.10m), new ShopItemDocument("sku-2", "Desk lamp", "", 1, 1234.50m)],
            1234.80m,
            "canceled",
            Paid: true,
            Submitted: true,
            Completed: false,
            Canceled: true,
            CancelReason: "Changed my mind",
            new PaymentDocument("pay-42", Monday.AddTicks(1_234_567).ToOffset(TimeSpan.FromHours(2))),
            DeliveredTime: Monday.AddDays(2).AddTicks(1),
            CreatedAt: Monday,
            UpdatedAt: Monday.AddHours(5).AddTicks(9_999_999),
            Version: 7);

        await CommitAsync([document]);

        Assert.Equal(Json(document), Json(await Queries.GetAsync(document.OrderId)));
        Assert.Null(await Queries.GetAsync(Guid.NewGuid()));
    }
}
