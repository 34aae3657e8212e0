using System.Diagnostics;
using System.Text.Json;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Orders.Decider;
using Orders.EventStore;
using Orders.Specs.Http;
using static Orders.Specs.Http.OrderRequests;

namespace Orders.Specs.Operations;

/// <remarks>
/// In the shared collection, so no other host runs commands meanwhile: every provider listening to the "Orders"
/// source sees every host's spans.
/// </remarks>
[Collection(OrdersHostCollection.Name)]
public sealed class TraceSpecs
{
    [Fact]
    public async Task An_http_command_is_one_trace_from_the_caller_to_the_stored_event()
    {
        var spans = new List<Activity>();
        await using var own = await OwnHost.StartAsync(
            services: s => s.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        var callerTrace = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();

        var created = await own.Host.Scenario(s =>
        {
            s.Post.Json(NewOrder()).ToUrl("/api/v1/orders");
            s.WithRequestHeader("traceparent", $"00-{callerTrace}-{callerSpan}-01");
            s.StatusCodeShouldBe(201);
        });

        var orderId = (await created.AnswerAsync()).OrderId;
        await own.Host.GetOrderAsync(orderId, version: 0);
        var projected = await ProjectSpanAsync(spans, callerTrace);
        var ours = spans.Where(a => a.Source.Name == "Orders" && a.TraceId == callerTrace && a != projected).ToList();
        // A new order is decided on the initial state: there is no stream to load.
        Assert.Equal(["append", "command create_order", "decide"], ours.Select(a => a.DisplayName).Order());
        var command = Assert.Single(ours, a => a.DisplayName == "command create_order");
        Assert.All(ours.Where(a => a != command), a => Assert.Equal(command.SpanId, a.ParentSpanId));

        var stored = Assert.Single(await own.Host.Services.GetRequiredService<IEventStore>().ReadStreamAsync(OrderStream.Name(orderId)));
        var traceparent = JsonDocument.Parse(stored.Metadata).RootElement.GetProperty("traceparent").GetString();
        var append = Assert.Single(ours, a => a.DisplayName == "append");
        Assert.Equal($"00-{callerTrace}-{append.SpanId}-01", traceparent);
        Assert.Equal(append.SpanId, projected.ParentSpanId);
        Assert.Equal(OrderStream.Name(orderId), projected.GetTagItem("orders.stream"));
    }

    /// <summary>The projection's span ends just after its batch commits, a moment after the read model answers.</summary>
    static async Task<Activity> ProjectSpanAsync(List<Activity> spans, ActivityTraceId trace)
    {
        for (var waited = 0; waited < 100; waited++)
        {
            lock (spans)
            {
                if (spans.FirstOrDefault(a => a.DisplayName == "project" && a.TraceId == trace) is { } found)
                    return found;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("No projection span joined the command's trace.");
    }
}
