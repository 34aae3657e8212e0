using System.Diagnostics;
using Orders.EventStore;

namespace Orders.Projections.Runner;

/// <summary>
/// A span per applied event, child of the command that wrote it: the W3C <c>traceparent</c> in the event's
/// metadata makes one trace run from the HTTP request through the append to the read models. Costs nothing when no
/// tracer listens.
/// </summary>
public static class ProjectionTracing
{
    /// <summary>The same source name as the host's own spans, so one subscription takes both.</summary>
    public static readonly ActivitySource Source = new("Orders");

    /// <summary>
    /// Opens one <c>project</c> span per event for the time its batch is applied; dispose to end them. None of them
    /// becomes <see cref="Activity.Current"/>: a started activity remembers the current one so as to restore it when
    /// it stops, so spans started one after another as the current one would each hold the one before, and ended in
    /// order would leave a stopped one current, holding every span of every batch since the runner started.
    /// </summary>
    public static IDisposable ApplySpans(IEnumerable<RecordedEvent> events)
    {
        if (!Source.HasListeners())
            return NoSpans.Instance;
        var ambient = Activity.Current;
        var spans = new List<Activity>();
        foreach (var e in events)
        {
            if (!TryReadParent(e.Metadata.Span, out var parent))
                continue;
            var span = Source.StartActivity("project", ActivityKind.Consumer, parent);
            Activity.Current = ambient;
            if (span is null)
                continue;
            span.SetTag("orders.stream", e.StreamId);
            span.SetTag("orders.version", e.StreamVersion);
            span.SetTag("orders.event_type", e.Type);
            spans.Add(span);
        }
        return new Spans(spans);
    }

    static bool TryReadParent(ReadOnlySpan<byte> metadata, out ActivityContext parent)
    {
        parent = default;
        var (traceparent, tracestate, _) = StoredMetadata.Read(metadata);
        return traceparent is not null && ActivityContext.TryParse(traceparent, tracestate, isRemote: true, out parent);
    }

    sealed class Spans(List<Activity> spans) : IDisposable
    {
        public void Dispose()
        {
            var ambient = Activity.Current;
            foreach (var span in spans)
                span.Dispose();
            Activity.Current = ambient;
        }
    }

    sealed class NoSpans : IDisposable
    {
        public static readonly NoSpans Instance = new();

        public void Dispose()
        {
        }
    }
}
