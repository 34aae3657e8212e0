using System.Diagnostics;
using System.Text;
using Orders.EventStore;
using Orders.Projections.Runner;

namespace Orders.Specs.Projections;

public sealed class ProjectionTracingSpecs : IDisposable
{
    const string SourceName = "Orders";

    readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == SourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public ProjectionTracingSpecs() => ActivitySource.AddActivityListener(_listener);

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void A_batch_opens_a_span_per_event_in_the_trace_of_the_command_that_wrote_it()
    {
        var events = Enumerable.Range(0, 3).Select(Traced).ToList();
        var started = new List<Activity>();
        using var watch = Watch(started);

        using (ProjectionTracing.ApplySpans(events.Select(e => e.Recorded)))
            Assert.All(started, span => Assert.False(span.IsStopped));

        Assert.Equal(events.Select(e => e.Trace), started.Select(span => span.TraceId));
        Assert.All(started, span => Assert.True(span.IsStopped));
    }

    [Fact]
    public void The_spans_of_a_batch_leave_the_ambient_activity_as_they_found_it()
    {
        using var ambient = new Activity("runner").Start();
        var before = Activity.Current;

        using (ProjectionTracing.ApplySpans(Enumerable.Range(0, 3).Select(i => Traced(i).Recorded)))
            Assert.Same(before, Activity.Current);

        // Left pointing at one of them, each next batch's spans would hold it, and so every span since the start.
        Assert.Same(before, Activity.Current);
    }

    [Fact]
    public void Without_an_ambient_activity_none_is_left_current()
    {
        Activity.Current = null;

        ProjectionTracing.ApplySpans(Enumerable.Range(0, 3).Select(i => Traced(i).Recorded)).Dispose();

        Assert.Null(Activity.Current);
    }

    static (RecordedEvent Recorded, ActivityTraceId Trace) Traced(int i)
    {
        var trace = ActivityTraceId.CreateRandom();
        var metadata = Encoding.UTF8.GetBytes($$"""{"traceparent":"00-{{trace}}-{{ActivitySpanId.CreateRandom()}}-01"}""");
        var recorded = new RecordedEvent(
            $"order-{Guid.NewGuid()}", 0, LogPosition.Of((ulong)i + 1), Guid.NewGuid(), "V1_ORDER_CREATED", "{}"u8.ToArray(), metadata, DateTimeOffset.UnixEpoch);
        return (recorded, trace);
    }

    static ActivityListener Watch(List<Activity> started)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = span =>
            {
                if (span.DisplayName == "project")
                    lock (started)
                        started.Add(span);
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
