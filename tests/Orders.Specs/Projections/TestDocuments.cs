using Orders.Projections;
using Orders.Projections.Documents;

namespace Orders.Specs.Projections;

/// <summary>Order documents for the store specs, with only what a spec cares about spelled out.</summary>
static class TestDocuments
{
    /// <summary>A pending order of <paramref name="items"/>, created at <paramref name="createdAt"/>.</summary>
    public static OrderDocument Pending(Guid orderId, DateTimeOffset createdAt, long version, params ShopItemDocument[] items) =>
        new(
            orderId,
            "buyer@example.com",
            "1 Main St",
            items,
            items.Sum(i => i.Quantity * i.Price),
            "pending",
            Paid: false,
            Submitted: false,
            Completed: false,
            Canceled: false,
            CancelReason: "",
            Payment: null,
            DeliveredTime: null,
            CreatedAt: createdAt,
            UpdatedAt: createdAt,
            version);

    /// <summary>Every field set, with exact money, sub-millisecond timestamps and a non-UTC offset.</summary>
    public static OrderDocument EveryFieldSet(Guid orderId, DateTimeOffset createdAt) =>
        new(
            orderId,
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
            new PaymentDocument("pay-42", createdAt.AddTicks(1_234_567).ToOffset(TimeSpan.FromHours(2))),
            DeliveredTime: createdAt.AddDays(2).AddTicks(1),
            CreatedAt: createdAt,
            UpdatedAt: createdAt.AddHours(5).AddTicks(9_999_999),
            Version: 7);
}
