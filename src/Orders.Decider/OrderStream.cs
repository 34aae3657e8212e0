namespace Orders.Decider;

/// <summary>Order ids and the event-store streams that hold them: <c>order-&lt;lower-case uuid&gt;</c>.</summary>
public static class OrderStream
{
    public const string Prefix = "order-";

    public static string Name(Guid orderId) => Prefix + orderId.ToString("D");

    public static bool TryParse(string streamName, out Guid orderId)
    {
        orderId = Guid.Empty;
        return streamName.StartsWith(Prefix, StringComparison.Ordinal)
            && TryParseId(streamName.AsSpan(Prefix.Length), out orderId);
    }

    /// <summary>Accepts the canonical hyphenated form only, so that one order has exactly one stream name.</summary>
    public static bool TryParseId(ReadOnlySpan<char> text, out Guid orderId) =>
        Guid.TryParseExact(text, "D", out orderId);
}
