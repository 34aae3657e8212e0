using System.Text.Json;
using Orders.Specs.Operations;

namespace Orders.Specs.Http;

[Collection(OrdersHostCollection.Name)]
public sealed class AdminSpecs(OrdersHost service)
{
    [Fact]
    public async Task Projection_status_needs_the_admin_key()
    {
        var result = await service.Host.Scenario(s =>
        {
            s.Get.Url("/admin/projections");
            s.WithRequestHeader("X-Admin-Key", "wrong");
            s.StatusCodeShouldBe(401);
        });

        Assert.Equal("admin_key_required", (await result.ProblemAsync()).Code);
    }

    [Fact]
    public async Task With_the_key_every_projection_reports_where_it_stands()
    {
        var id = await service.Host.CreateOrderAsync();
        await service.Host.GetOrderAsync(id, 0);

        var result = await service.Host.Scenario(s =>
        {
            s.Get.Url("/admin/projections");
            s.WithRequestHeader("X-Admin-Key", OrdersHost.AdminKey);
        });
        var text = await result.ReadAsTextAsync();

        Assert.Contains("\"order-documents\"", text);
        Assert.Contains("\"search\"", text);
    }

    [Fact]
    public async Task Rebuilding_an_unknown_projection_answers_404()
    {
        await service.Host.Scenario(s =>
        {
            s.Post.Url("/admin/projections/nothing/rebuild");
            s.WithRequestHeader("X-Admin-Key", OrdersHost.AdminKey);
            s.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task A_rebuild_reports_its_progress_until_the_projection_is_back_where_the_log_ended()
    {
        var id = await service.Host.CreateOrderAsync();
        await service.Host.GetOrderAsync(id, 0);

        await service.Host.Scenario(s =>
        {
            s.Post.Url("/admin/projections/search/rebuild");
            s.WithRequestHeader("X-Admin-Key", OrdersHost.AdminKey);
            s.StatusCodeShouldBe(202);
        });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement search;
        while (true)
        {
            search = (await StatusAsync()).GetProperty("projections").EnumerateArray()
                .Single(p => p.GetProperty("name").GetString() == "search");
            if (search.GetProperty("rebuild").GetProperty("finishedAt").ValueKind != JsonValueKind.Null)
                break;
            Assert.True(DateTime.UtcNow < deadline, $"The rebuild did not finish: {search}");
            await Task.Delay(20);
        }

        var rebuild = search.GetProperty("rebuild");
        Assert.Equal(1.0, rebuild.GetProperty("fraction").GetDouble());
        Assert.True(rebuild.GetProperty("target").GetProperty("commit").GetUInt64() <= search.GetProperty("checkpoint").GetProperty("commit").GetUInt64());
        Assert.True(rebuild.GetProperty("finishedAt").GetDateTimeOffset() >= rebuild.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Number, search.GetProperty("secondsBehind").ValueKind);
    }

    [Fact]
    public async Task The_operator_page_is_served_to_anyone_who_asks_but_holds_no_key_and_loads_nothing_from_elsewhere()
    {
        var page = await service.Host.Scenario(s => s.Get.Url("/admin/"));
        var script = await service.Host.Scenario(s => s.Get.Url("/admin/operator.js"));
        await service.Host.Scenario(s =>
        {
            s.Get.Url("/admin");
            s.StatusCodeShouldBe(302);
            s.Header("Location").SingleValueShouldEqual("/admin/");
        });

        var html = await page.ReadAsTextAsync();
        Assert.StartsWith("text/html", page.Context.Response.ContentType, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", page.Context.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.Contains("<script src=\"operator.js\"", html, StringComparison.Ordinal);
        var everything = html + await script.ReadAsTextAsync() + await (await service.Host.Scenario(s => s.Get.Url("/admin/operator.css"))).ReadAsTextAsync();
        Assert.DoesNotContain("://", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(OrdersHost.AdminKey, everything, StringComparison.Ordinal);
        Assert.StartsWith("text/javascript", script.Context.Response.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_key_there_is_no_operator_page()
    {
        await using var own = await OwnHost.StartAsync();

        await own.Host.Scenario(s =>
        {
            s.Get.Url("/admin/");
            s.StatusCodeShouldBe(404);
        });
    }

    async Task<JsonElement> StatusAsync()
    {
        var result = await service.Host.Scenario(s =>
        {
            s.Get.Url("/admin/projections");
            s.WithRequestHeader("X-Admin-Key", OrdersHost.AdminKey);
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
    }
}
