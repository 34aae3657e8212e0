namespace Orders.Specs.Http;

[Collection(OrdersHostCollection.Name)]
public sealed class ApiDocumentSpecs(OrdersHost service)
{
    [Fact]
    public async Task The_OpenAPI_document_describes_every_order_route()
    {
        var result = await service.Host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        var document = await result.ReadAsTextAsync();

        foreach (var route in new[]
                 {
                     "/api/v1/orders", "/api/v1/orders/cart/{id}", "/api/v1/orders/pay/{id}", "/api/v1/orders/submit/{id}",
                     "/api/v1/orders/address/{id}", "/api/v1/orders/cancel/{id}", "/api/v1/orders/complete/{id}",
                 })
            Assert.Contains($"\"{route}\"", document);
    }

    [Fact]
    public async Task The_interactive_API_page_is_served()
    {
        var result = await service.Host.Scenario(s => s.Get.Url("/docs/"));

        Assert.Contains("<html", await result.ReadAsTextAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
