using System.Diagnostics;
using System.Text.Json;

namespace Orders.Host.Telemetry;

/// <summary>
/// Event metadata: the W3C trace context of the command that wrote the event, so that the projection applying it
/// joins the same trace. The original service wrote <c>uber-trace-id</c>; it is read and ignored.
/// </summary>
public static class EventMetadata
{
    public static byte[] FromCurrentActivity()
    {
        var activity = Activity.Current;
        if (activity is null)
            return "{}"u8.ToArray();
        var fields = new Dictionary<string, string> { ["traceparent"] = activity.Id! };
        if (!string.IsNullOrEmpty(activity.TraceStateString))
            fields["tracestate"] = activity.TraceStateString;
        return JsonSerializer.SerializeToUtf8Bytes(fields);
    }
}
