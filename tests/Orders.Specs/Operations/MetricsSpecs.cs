using System.Text.RegularExpressions;
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
        var expected = new[] { "order-documents", "search" }
            .SelectMany(projection => new[] { "lag_events", "lag_seconds", "parked_events" }
                .Select(metric => $$"""(?m)^orders_projection_{{metric}}\{[^}]*projection="{{projection}}"[^}]*\} \d"""))
            .ToList();

        // Each gauge appears once the projection has reported it; on a loaded machine that can take a while.
        var text = "";
        for (var tries = 0; tries < 300 && !expected.All(pattern => Regex.IsMatch(text, pattern)); tries++)
        {
            var scrape = await service.Host.Scenario(s => s.Get.Url("/metrics"));
            text = await scrape.ReadAsTextAsync();
            await Task.Delay(100);
        }

        Assert.All(expected, pattern => Assert.Matches(pattern, text));
    }
}
