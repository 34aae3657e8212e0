using Alba;
using Orders.Specs.Http;

namespace Orders.Specs.Operations;

[Collection(OrdersHostCollection.Name)]
public sealed class MetricsSpecs(OrdersHost service)
{
    [Fact]
    public async Task After_a_command_the_scrape_endpoint_exposes_the_command_and_event_series()
    {
        await service.Host.CreateOrderAsync();

        var scrape = await service.Host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.StatusCodeShouldBe(200);
        });

        var text = await scrape.ReadAsTextAsync();
        Assert.Matches("""(?m)^orders_commands_total\{[^}]*command="create_order"[^}]*outcome="accepted"[^}]*\} [1-9]""", text);
        Assert.Matches("""(?m)^orders_command_duration_seconds_bucket\{[^}]*command="create_order"[^}]*\} [1-9]""", text);
        Assert.Matches("""(?m)^orders_events_appended_total\{[^}]*type="V1_ORDER_CREATED"[^}]*\} [1-9]""", text);
    }

    [Fact]
    public async Task The_scrape_endpoint_exposes_each_projections_lag_and_parked_events()
    {
        var text = "";
        for (var tries = 0; tries < 100 && !text.Contains("orders_projection_parked_events", StringComparison.Ordinal); tries++)
        {
            var scrape = await service.Host.Scenario(s => s.Get.Url("/metrics"));
            text = await scrape.ReadAsTextAsync();
            await Task.Delay(100);
        }

        foreach (var projection in new[] { "order-documents", "search" })
        {
            Assert.Matches($$"""(?m)^orders_projection_lag_events\{[^}]*projection="{{projection}}"[^}]*\} \d""", text);
            Assert.Matches($$"""(?m)^orders_projection_lag_seconds\{[^}]*projection="{{projection}}"[^}]*\} \d""", text);
            Assert.Matches($$"""(?m)^orders_projection_parked_events\{[^}]*projection="{{projection}}"[^}]*\} \d""", text);
        }
    }
}
