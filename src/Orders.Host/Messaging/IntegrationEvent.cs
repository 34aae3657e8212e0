using System.Text.Json;
using System.Text.Json.Serialization;
using Orders.Decider;
using Orders.EventStore;

namespace Orders.Host.Messaging;

/// <summary>
/// What other services receive on the <c>orders.events</c> topic exchange for every event appended to an order
/// stream, with the event type as routing key. <see cref="EventId"/> is also the AMQP <c>message_id</c>: delivery is
/// at least once, so a consumer deduplicates by it. Per order, messages arrive in stream order
/// (<see cref="Version"/> 0, 1, 2, …); <see cref="Data"/> is the event's JSON as the log stores it.
/// </summary>
public sealed record IntegrationEvent(
    Guid EventId,
    string EventType,
    Guid OrderId,
    string StreamId,
    long Version,
    string Position,
    DateTimeOffset OccurredAt,
    JsonElement Data)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>An event of an order stream; null for a stream that is not an order's.</summary>
    public static IntegrationEvent? From(RecordedEvent recorded)
    {
        if (!OrderStream.TryParse(recorded.StreamId, out var orderId))
            return null;
        return new IntegrationEvent(
            recorded.EventId,
            recorded.Type,
            orderId,
            recorded.StreamId,
            recorded.StreamVersion,
            recorded.Position.ToString(),
            recorded.Created,
            DataOf(recorded.Data.Span));
    }

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>The original wrote <c>V1_ORDER_SUBMITTED</c> with no data at all: it is published as <c>{}</c>.</summary>
    static JsonElement DataOf(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
            return EmptyObject;
        try
        {
            var reader = new Utf8JsonReader(data);
            return JsonElement.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return EmptyObject;
        }
    }

    static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
