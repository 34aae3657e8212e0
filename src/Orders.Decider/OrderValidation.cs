using System.Net.Mail;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Orders.Decider;

/// <summary>A field that failed validation, named by its JSON path (e.g. <c>shopItems[2].price</c>).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// The field limits of every command. They run before the decider, and every failing field is reported at once.
/// </summary>
public static class OrderValidation
{
    public const int MaxItems = 100;
    public const int MaxItemIdLength = 64;
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxQuantity = 10_000;
    public const int MaxEmailLength = 254;
    public const int MaxAddressLength = 500;
    public const int MaxCancelReasonLength = 500;
    public const int MaxPaymentIdLength = 128;

    public static Seq<FieldError> Validate(OrderCommand command) =>
        command switch
        {
            OrderCommand.CreateOrder c => ShopItems(c.ShopItems)
                + Email(c.AccountEmail)
                + Text("deliveryAddress", c.DeliveryAddress, MaxAddressLength),
            OrderCommand.UpdateShoppingCart c => ShopItems(c.ShopItems),
            OrderCommand.PayOrder c => Text("paymentId", c.PaymentId, MaxPaymentIdLength),
            OrderCommand.SubmitOrder => NoErrors,
            OrderCommand.ChangeDeliveryAddress c => Text("deliveryAddress", c.DeliveryAddress, MaxAddressLength),
            OrderCommand.CancelOrder c => Text("cancelReason", c.CancelReason, MaxCancelReasonLength),
            OrderCommand.CompleteOrder => NoErrors,
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown command."),
        };

    static Seq<FieldError> ShopItems(Seq<ShopItem> items)
    {
        if (items.IsEmpty)
            return One("shopItems", "An order holds at least one item.");
        if (items.Count > MaxItems)
            return One("shopItems", $"An order holds at most {MaxItems} items.");
        return items.Select((item, index) => Item($"shopItems[{index}]", item)).ToSeq().Flatten();
    }

    static Seq<FieldError> Item(string path, ShopItem item) =>
        Text($"{path}.id", item.Id, MaxItemIdLength)
        + Text($"{path}.title", item.Title, MaxTitleLength)
        + Limit($"{path}.description", item.Description ?? "", MaxDescriptionLength)
        + Check($"{path}.quantity", item.Quantity is >= 1 and <= MaxQuantity, $"Must be between 1 and {MaxQuantity}.")
        + Check($"{path}.price", item.Price >= 0, "Must not be negative.")
        + Check($"{path}.price", decimal.Round(item.Price, 2) == item.Price, "Must have at most 2 fraction digits.");

    static Seq<FieldError> Email(string? email) =>
        Text("accountEmail", email, MaxEmailLength) is { IsEmpty: false } errors
            ? errors
            : Check("accountEmail", IsEmailAddress(email!), "Must be a valid email address.");

    static bool IsEmailAddress(string text) =>
        MailAddress.TryCreate(text, out var address)
        && address.Address == text
        && address.DisplayName.Length == 0
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !text.Any(char.IsWhiteSpace);

    static Seq<FieldError> Text(string field, string? value, int maxLength) =>
        string.IsNullOrWhiteSpace(value)
            ? One(field, "Must not be empty.")
            : Limit(field, value, maxLength);

    static Seq<FieldError> Limit(string field, string value, int maxLength) =>
        Check(field, value.Length <= maxLength, $"Must be at most {maxLength} characters.");

    static Seq<FieldError> Check(string field, bool valid, string message) =>
        valid ? NoErrors : One(field, message);

    // Not collection expressions: LanguageExt 4's Seq has an Add that returns a new sequence, so `[error]` builds an
    // empty Seq and the error is lost.
    static Seq<FieldError> One(string field, string message) => Seq1(new FieldError(field, message));

    static readonly Seq<FieldError> NoErrors = Seq<FieldError>();
}
