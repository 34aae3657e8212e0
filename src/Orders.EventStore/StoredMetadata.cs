using System.Text.Json;

namespace Orders.EventStore;

/// <summary>
/// The fields this service writes into an event's metadata, read back by both sides: the W3C trace context of the
/// command that wrote the event, and the id of the message that caused it. Other fields (the original service's
/// <c>uber-trace-id</c>, say) are skipped.
/// </summary>
public readonly record struct StoredMetadata(string? TraceParent, string? TraceState, string? CausationId)
{
    /// <summary>Absent or unreadable metadata gives nulls: metadata never stops an event from being read.</summary>
    public static StoredMetadata Read(ReadOnlySpan<byte> metadata)
    {
        if (metadata.IsEmpty)
            return default;
        string? traceparent = null, tracestate = null, causation = null;
        try
        {
            var reader = new Utf8JsonReader(metadata);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                    reader.Skip();
                else if (name == "traceparent")
                    traceparent = reader.GetString();
                else if (name == "tracestate")
                    tracestate = reader.GetString();
                else if (name == "causationId")
                    causation = reader.GetString();
            }
            return new(traceparent, tracestate, causation);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
