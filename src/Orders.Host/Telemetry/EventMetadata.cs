using System.Diagnostics;
using System.Text.Json;

namespace Orders.Host.Telemetry;

/// <summary>
/// Event metadata: the W3C trace context of the command that wrote the event, so that the projection applying it
/// joins the same trace, and — for a command that came as a message — the message's id as <c>causationId</c>, so
/// that a redelivered message finds its events in the stream instead of appending them again. The original service
/// wrote <c>uber-trace-id</c>; it is ignored. <see cref="Orders.EventStore.StoredMetadata"/> reads these fields back.
/// </summary>
public static class EventMetadata
{
    static readonly AsyncLocal<string?> CurrentCausation = new();

    public static byte[] FromCurrentActivity()
    {
        var activity = Activity.Current;
        var causation = CurrentCausation.Value;
        if (activity is null && causation is null)
            return "{}"u8.ToArray();
        var fields = new Dictionary<string, string>();
        if (activity is not null)
            fields["traceparent"] = activity.Id!;
        if (!string.IsNullOrEmpty(activity?.TraceStateString))
            fields["tracestate"] = activity.TraceStateString;
        if (causation is not null)
            fields["causationId"] = causation;
        return JsonSerializer.SerializeToUtf8Bytes(fields);
    }

    /// <summary>Until disposed, events appended on this async flow record <paramref name="messageId"/> as their cause.</summary>
    public static IDisposable CausedBy(string messageId)
    {
        var previous = CurrentCausation.Value;
        CurrentCausation.Value = messageId;
        return new Restore(previous);
    }

    sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => CurrentCausation.Value = previous;
    }
}
