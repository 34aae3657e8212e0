using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using LanguageExt;
using Orders.Decider;
using Orders.Host.GrpcApi.Contract;
using Orders.Projections;
using Orders.Projections.Documents;
using static LanguageExt.Prelude;

namespace Orders.Host.GrpcApi;

/// <summary>
/// Between the original's messages and the domain's types. The wire's numbers are wider than the domain's
/// (uint64 quantities, double prices, any timestamp): a quantity past the domain's range is clamped so that
/// validation reports it, while a price or timestamp that has no domain value at all is reported here.
/// </summary>
static class GrpcMessages
{
    static readonly Seq<FieldError> NoErrors = LanguageExt.Seq<FieldError>.Empty;

    // Below decimal's largest value, as a double that converts without overflow.
    const double LargestPrice = 7.9e28;

    public static (ValueList<Decider.ShopItem> Items, Seq<FieldError> Errors) ToShopItems(RepeatedField<Contract.ShopItem> items)
    {
        var errors = items
            .Select((item, index) => (item, index))
            .Where(x => !double.IsFinite(x.item.Price) || Math.Abs(x.item.Price) > LargestPrice)
            .Select(x => new FieldError($"shopItems[{x.index}].price", "Must be a finite number of currency units."))
            .ToSeq()
            .Strict();
        if (!errors.IsEmpty)
            return (ValueList<Decider.ShopItem>.Empty, errors);
        var shopItems = items
            .Select(i => new Decider.ShopItem(i.ID, i.Title, i.Description, (int)Math.Min(i.Quantity, int.MaxValue), (decimal)i.Price))
            .ToValueList();
        return (shopItems, NoErrors);
    }

    /// <summary>The client's time when it sent one, <paramref name="now"/> when it did not.</summary>
    public static (DateTimeOffset Time, Seq<FieldError> Errors) ToTime(Timestamp? sent, string field, DateTimeOffset now)
    {
        if (sent is null)
            return (now, NoErrors);
        return IsRepresentable(sent)
            ? (sent.ToDateTimeOffset(), NoErrors)
            : (now, Seq1(new FieldError(field, "Must be a valid timestamp between the years 1 and 9999.")));
    }

    // Timestamp.ToDateTimeOffset throws outside these bounds, which are DateTimeOffset's.
    static bool IsRepresentable(Timestamp timestamp) =>
        timestamp.Seconds is >= -62_135_596_800 and <= 253_402_300_799 && timestamp.Nanos is >= 0 and <= 999_999_999;

    public static Order ToOrder(OrderDocument document)
    {
        var order = new Order
        {
            ID = document.OrderId.ToString(),
            Paid = document.Paid,
            Submitted = document.Submitted,
            Completed = document.Completed,
            Canceled = document.Canceled,
            TotalPrice = (double)document.TotalPrice,
            AccountEmail = document.AccountEmail,
            CancelReason = document.CancelReason,
            DeliveryAddress = document.DeliveryAddress,
            DeliveryTimestamp = document.DeliveredTime is { } delivered ? Timestamp.FromDateTimeOffset(delivered) : null,
            Payment = document.Payment is { } payment
                ? new Contract.Payment { ID = payment.PaymentId, Timestamp = Timestamp.FromDateTimeOffset(payment.Timestamp) }
                : null,
        };
        order.ShopItems.AddRange(document.ShopItems.Select(ToShopItem));
        return order;
    }

    static Contract.ShopItem ToShopItem(ShopItemDocument item) =>
        new()
        {
            ID = item.Id,
            Title = item.Title,
            Description = item.Description,
            Quantity = (ulong)Math.Max(item.Quantity, 0),
            Price = (double)item.Price,
        };
}
