using System.Text.Json;
using LanguageExt;
using Orders.Decider;

namespace Orders.Host.Messaging;

/// <summary>
/// A command taken from the queue. On the wire it is one JSON object (the envelope):
/// <code>{"messageId": "…", "type": "PayOrder", "orderId": "…", "expectedVersion": 1, "data": {"paymentId": "…"}}</code>
/// <c>type</c> is one of <see cref="Types"/>; <c>data</c> holds the command's fields as the HTTP API's body does;
/// <c>expectedVersion</c> (optional) pins the stream version, as HTTP's If-Match; <c>messageId</c> (or else the
/// AMQP <c>message_id</c>) makes a redelivery harmless.
/// </summary>
public sealed record CommandMessage(string MessageId, string Type, long? ExpectedVersion, OrderCommand Command);

/// <summary>A message that can never be handled, and why; it goes to the dead-letter queue.</summary>
public sealed record PoisonMessage(string? MessageId, string Kind, string Reason);

public static class CommandEnvelope
{
    public const int MaxMessageIdLength = 200;

    public static readonly IReadOnlyList<string> Types =
        ["CreateOrder", "UpdateShoppingCart", "PayOrder", "SubmitOrder", "ChangeDeliveryAddress", "CancelOrder", "CompleteOrder"];

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The command the body carries, or why it is poison (not JSON, no such type, fields that fail validation).</summary>
    public static Either<PoisonMessage, CommandMessage> Parse(ReadOnlyMemory<byte> body, string? amqpMessageId, TimeProvider time)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return new PoisonMessage(amqpMessageId, "not_json", "The body is not JSON: " + ex.Message);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new PoisonMessage(amqpMessageId, "bad_envelope", "The body is not a JSON object.");
            var messageId = Text(root, "messageId") is { Length: > 0 } id ? id : amqpMessageId;
            if (string.IsNullOrWhiteSpace(messageId) || messageId.Length > MaxMessageIdLength)
                return new PoisonMessage(null, "bad_envelope", $"messageId (or the AMQP message_id) is required, 1 to {MaxMessageIdLength} characters.");
            var type = Text(root, "type");
            if (type is null || !Types.Contains(type))
                return new PoisonMessage(messageId, "unknown_type", $"type '{type}' is not one of {string.Join(", ", Types)}.");
            if (Text(root, "orderId") is not { } orderText || !OrderStream.TryParseId(orderText, out var orderId))
                return new PoisonMessage(messageId, "bad_envelope", "orderId is required: a UUID such as 0190a6d2-…");
            long? expectedVersion = null;
            if (root.TryGetProperty("expectedVersion", out var expected) && expected.ValueKind != JsonValueKind.Null)
            {
                if (!expected.TryGetInt64(out var version) || version < 0)
                    return new PoisonMessage(messageId, "bad_envelope", "expectedVersion must be a whole number ≥ 0.");
                expectedVersion = version;
            }
            var data = root.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null ? d : EmptyData;
            if (data.ValueKind != JsonValueKind.Object)
                return new PoisonMessage(messageId, "bad_envelope", "data must be a JSON object.");

            OrderCommand command;
            try
            {
                command = ToCommand(type, orderId, data, time);
            }
            catch (JsonException ex)
            {
                return new PoisonMessage(messageId, "invalid", "data does not fit " + type + ": " + ex.Message);
            }
            var errors = OrderValidation.Validate(command);
            return errors.IsEmpty
                ? new CommandMessage(messageId, type, expectedVersion, command)
                : new PoisonMessage(messageId, "invalid", string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        }
    }

    static OrderCommand ToCommand(string type, Guid orderId, JsonElement data, TimeProvider time) =>
        type switch
        {
            "CreateOrder" => Read<CreateOrderData>(data).ToCommand(orderId),
            "UpdateShoppingCart" => new OrderCommand.UpdateShoppingCart(orderId, ToShopItems(Read<CartData>(data).ShopItems)),
            "PayOrder" => Read<PaymentData>(data).ToCommand(orderId, time),
            "SubmitOrder" => new OrderCommand.SubmitOrder(orderId),
            "ChangeDeliveryAddress" => new OrderCommand.ChangeDeliveryAddress(orderId, Read<AddressData>(data).DeliveryAddress ?? ""),
            "CancelOrder" => new OrderCommand.CancelOrder(orderId, Read<CancelData>(data).CancelReason ?? ""),
            "CompleteOrder" => new OrderCommand.CompleteOrder(orderId, Read<CompletionData>(data).DeliveryTimestamp ?? time.GetUtcNow()),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a command type."),
        };

    static T Read<T>(JsonElement data) => data.Deserialize<T>(Json) ?? throw new JsonException("data is null.");

    static ValueList<ShopItem> ToShopItems(ShopItemData?[]? items) =>
        (items ?? []).Select(i => i is null
                ? new ShopItem("", "", "", 0, 0)
                : new ShopItem(i.Id ?? "", i.Title ?? "", i.Description ?? "", i.Quantity, i.Price))
            .ToValueList();

    static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    static readonly JsonElement EmptyData = JsonDocument.Parse("{}").RootElement.Clone();

    // The data of each command: the HTTP API's body fields. Missing fields are left to validation, which names them.
    sealed record ShopItemData(string? Id, string? Title, string? Description, int Quantity, decimal Price);
    sealed record CreateOrderData(ShopItemData?[]? ShopItems, string? AccountEmail, string? DeliveryAddress)
    {
        public OrderCommand.CreateOrder ToCommand(Guid orderId) =>
            new OrderCommand.CreateOrder(orderId, ToShopItems(ShopItems), AccountEmail ?? "", DeliveryAddress ?? "");
    }

    sealed record CartData(ShopItemData?[]? ShopItems);
    sealed record PaymentData(string? PaymentId, DateTimeOffset? Timestamp)
    {
        public OrderCommand.PayOrder ToCommand(Guid orderId, TimeProvider time) =>
            new OrderCommand.PayOrder(orderId, PaymentId ?? "", Timestamp ?? time.GetUtcNow());
    }

    sealed record AddressData(string? DeliveryAddress);
    sealed record CancelData(string? CancelReason);
    sealed record CompletionData(DateTimeOffset? DeliveryTimestamp);
}
