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
}
