using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LanguageExt;

namespace Orders.Decider.Serialization;

/// <summary>
/// The stored form of order events, as the original service wrote them to EventStoreDB: the type names declared
/// beside the events (<see cref="EventTypeAttribute"/>) and the original's JSON field names (mind <c>paymentID</c>).
/// Stored events outlive the code, so this format only ever grows. Reading is tolerant: unknown fields are ignored,
/// names match case-insensitively, missing strings read as empty.
/// </summary>
public static class OrderEventCodec
{
    public const string ContentType = "application/json";

    delegate OrderEvent Reader(ReadOnlySpan<byte> data);

    sealed record Format(string Name, Type EventType, Func<OrderEvent, byte[]> Write, Reader Read);

    /// <summary>One row per event: how its data is written and read. <c>V1_ORDER_SUBMITTED</c> has no data.</summary>
    static readonly Format[] Formats =
    [
        Row<OrderEvent.OrderCreated>(
            e => Serialize(new OrderCreatedJson(Items(e.ShopItems), e.AccountEmail, e.DeliveryAddress), Json.Default.OrderCreatedJson),
            data =>
            {
                var json = Deserialize(data, Json.Default.OrderCreatedJson);
                return new OrderEvent.OrderCreated(Items(json.ShopItems), json.AccountEmail ?? "", json.DeliveryAddress ?? "");
            }),
        Row<OrderEvent.ShoppingCartUpdated>(
            e => Serialize(new ShoppingCartUpdatedJson(Items(e.ShopItems)), Json.Default.ShoppingCartUpdatedJson),
            data => new OrderEvent.ShoppingCartUpdated(Items(Deserialize(data, Json.Default.ShoppingCartUpdatedJson).ShopItems))),
        Row<OrderEvent.OrderPaid>(
            e => Serialize(new OrderPaidJson(e.PaymentId, e.Timestamp), Json.Default.OrderPaidJson),
            data =>
            {
                var json = Deserialize(data, Json.Default.OrderPaidJson);
                return new OrderEvent.OrderPaid(json.PaymentId ?? "", json.Timestamp);
            }),
        Row<OrderEvent.OrderSubmitted>(_ => [], _ => new OrderEvent.OrderSubmitted()),
        Row<OrderEvent.DeliveryAddressChanged>(
            e => Serialize(new DeliveryAddressChangedJson(e.DeliveryAddress), Json.Default.DeliveryAddressChangedJson),
            data => new OrderEvent.DeliveryAddressChanged(
                Deserialize(data, Json.Default.DeliveryAddressChangedJson).DeliveryAddress ?? "")),
        Row<OrderEvent.OrderCanceled>(
            e => Serialize(new OrderCanceledJson(e.CancelReason), Json.Default.OrderCanceledJson),
            data => new OrderEvent.OrderCanceled(Deserialize(data, Json.Default.OrderCanceledJson).CancelReason ?? "")),
        Row<OrderEvent.OrderCompleted>(
            e => Serialize(new OrderCompletedJson(e.DeliveryTimestamp), Json.Default.OrderCompletedJson),
            data => new OrderEvent.OrderCompleted(Deserialize(data, Json.Default.OrderCompletedJson).DeliveryTimestamp)),
    ];

    static Format Row<TEvent>(Func<TEvent, byte[]> write, Reader read) where TEvent : OrderEvent =>
        new(EventTypeAttribute.NameOf(typeof(TEvent)), typeof(TEvent), e => write((TEvent)e), read);

    static readonly FrozenDictionary<string, Format> ByName = Formats.ToFrozenDictionary(f => f.Name);
    static readonly FrozenDictionary<Type, Format> ByType = Formats.ToFrozenDictionary(f => f.EventType);

    /// <summary>Every stored type name, in the order the events are declared.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = [.. Formats.Select(f => f.Name)];

    public static string TypeOf(OrderEvent @event) => FormatOf(@event).Name;

    public static bool IsOrderEventType(string type) => ByName.ContainsKey(type);

    /// <summary>The event's data bytes. <c>V1_ORDER_SUBMITTED</c> has none, as in the original.</summary>
    public static byte[] Encode(OrderEvent @event) => FormatOf(@event).Write(@event);

    /// <summary>
    /// Reads one stored event. Returns null for a type that is not an order event (other writers may share the
    /// store); throws <see cref="EventDecodingException"/> when an order event's data cannot be read.
    /// </summary>
    public static OrderEvent? Decode(string type, ReadOnlySpan<byte> data)
    {
        if (!ByName.TryGetValue(type, out var format))
            return null;
        try
        {
            return format.Read(data);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            throw new EventDecodingException(type, ex);
        }
    }

    static Format FormatOf(OrderEvent @event) =>
        ByType.TryGetValue(@event.GetType(), out var format)
            ? format
            : throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "The event has no stored format.");

    static byte[] Serialize<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            JsonSerializer.Serialize(writer, value, typeInfo);
        return buffer.ToArray();
    }

    /// <summary>
    /// Escapes only what JSON requires, as Go's encoder does for everything but &lt;, &gt; and &amp;: non-ASCII text
    /// and '+' stay as they are, so stored bytes read like the original's.
    /// </summary>
    static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Zero bytes read as an empty object, so that every field takes its default.</summary>
    static T Deserialize<T>(ReadOnlySpan<byte> data, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        (data.IsEmpty ? JsonSerializer.Deserialize("{}"u8, typeInfo) : JsonSerializer.Deserialize(data, typeInfo))
        ?? throw new JsonException("The event data is JSON null.");

    static ShopItemJson[] Items(ValueList<ShopItem> items) =>
        items.Select(i => new ShopItemJson(i.Id, i.Title, i.Description, i.Quantity, Normalize(i.Price))).ToArray();

    static ValueList<ShopItem> Items(ShopItemJson?[]? items) =>
        (items ?? []).Where(i => i is not null)
            .Select(i => new ShopItem(i!.Id ?? "", i.Title ?? "", i.Description ?? "", i.Quantity, i.Price))
            .ToValueList();

    /// <summary>Writes 49 rather than 49.00, as Go's float64 encoding would.</summary>
    static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;
}

public sealed class EventDecodingException(string eventType, Exception inner)
    : Exception($"The data of a {eventType} event cannot be read: {inner.Message}", inner)
{
    public string EventType { get; } = eventType;
}

sealed record ShopItemJson(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("quantity")] int Quantity,
    [property: JsonPropertyName("price")] decimal Price);

sealed record OrderCreatedJson(
    [property: JsonPropertyName("shopItems")] ShopItemJson?[]? ShopItems,
    [property: JsonPropertyName("accountEmail")] string? AccountEmail,
    [property: JsonPropertyName("deliveryAddress")] string? DeliveryAddress);

sealed record ShoppingCartUpdatedJson([property: JsonPropertyName("shopItems")] ShopItemJson?[]? ShopItems);

sealed record OrderPaidJson(
    [property: JsonPropertyName("paymentID")] string? PaymentId,
    [property: JsonPropertyName("timestamp"), JsonConverter(typeof(GoTimeJsonConverter))] DateTimeOffset Timestamp);

sealed record DeliveryAddressChangedJson([property: JsonPropertyName("deliveryAddress")] string? DeliveryAddress);

sealed record OrderCanceledJson([property: JsonPropertyName("cancelReason")] string? CancelReason);

sealed record OrderCompletedJson(
    [property: JsonPropertyName("deliveryTimestamp"), JsonConverter(typeof(GoTimeJsonConverter))] DateTimeOffset DeliveryTimestamp);

/// <summary>Go's zero time (<c>0001-01-01T00:00:00Z</c>) is what the original wrote for a missing timestamp.</summary>
public sealed class GoTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? default : GoTime.Parse(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(GoTime.Format(value));
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(OrderCreatedJson))]
[JsonSerializable(typeof(ShoppingCartUpdatedJson))]
[JsonSerializable(typeof(OrderPaidJson))]
[JsonSerializable(typeof(DeliveryAddressChangedJson))]
[JsonSerializable(typeof(OrderCanceledJson))]
[JsonSerializable(typeof(OrderCompletedJson))]
sealed partial class Json : JsonSerializerContext;
