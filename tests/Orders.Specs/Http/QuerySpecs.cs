using System.Text.Json.Nodes;
using static Orders.Specs.Http.OrderRequests;

namespace Orders.Specs.Http;

/// <summary>Commands, then the queries that show them: what was accepted becomes visible through GET and search.</summary>
[Collection(OrdersHostCollection.Name)]
public sealed class QuerySpecs(OrdersHost service)
{
    [Fact]
    public async Task A_created_order_reads_back_with_its_items_total_and_status()
    {
        var id = await service.Host.CreateOrderAsync(NewOrder(Item("sku-1", quantity: 2, price: 19.99m), Item("sku-2", "Red socks", 3, 4.5m)));

        var order = await service.Host.GetOrderAsync(id, version: 0);

        Assert.Equal(id, order.OrderId);
        Assert.Equal(53.48m, order.TotalPrice);
        Assert.Equal("pending", order.Status);
        Assert.Equal(["sku-1", "sku-2"], order.ShopItems.Select(i => i.Id));
        Assert.Equal(0, order.Version);
    }

    [Fact]
    public async Task Every_accepted_command_is_visible_in_the_document()
    {
        var id = await service.Host.CreateOrderAsync();
        await service.Host.PayAsync(id, "pay-42");
        await service.Host.SubmitAsync(id);
        await service.Host.ChangeAddressAsync(id, "2 Elm St");
        var completed = await (await service.Host.CompleteAsync(id)).AnswerAsync();

        var order = await service.Host.GetOrderAsync(id, completed.Version);

        Assert.Equal(("completed", true, true, true, false), (order.Status, order.Paid, order.Submitted, order.Completed, order.Canceled));
        Assert.Equal("pay-42", order.Payment!.PaymentId);
        Assert.Equal("2 Elm St", order.DeliveryAddress);
        Assert.Equal("2024-05-01T10:00:00.1234567+02:00", order.DeliveredTime);
        Assert.Equal(4, order.Version);
    }

    [Fact]
    public async Task The_document_answers_its_version_as_ETag()
    {
        var id = await service.Host.CreateOrderAsync();
        await service.Host.CancelAsync(id);

        var result = await service.Host.Scenario(s => s.Get.Url($"/api/v1/orders/{id}?minVersion=1"));

        Assert.Equal("\"1\"", result.Context.Response.Headers.ETag.ToString());
    }

    [Fact]
    public async Task An_order_that_does_not_exist_answers_404()
    {
        var result = await service.Host.Scenario(s =>
        {
            s.Get.Url($"/api/v1/orders/{Guid.NewGuid()}");
            s.StatusCodeShouldBe(404);
        });

        Assert.Equal("order_not_found", (await result.ProblemAsync()).Code);
    }

    [Fact]
    public async Task Asking_for_a_version_the_order_never_reaches_answers_503_after_waiting()
    {
        var id = await service.Host.CreateOrderAsync();

        var result = await service.Host.Scenario(s =>
        {
            s.Get.Url($"/api/v1/orders/{id}?minVersion=7");
            s.StatusCodeShouldBe(503);
        });

        Assert.Equal("read_model_behind", (await result.ProblemAsync()).Code);
    }

    [Fact]
    public async Task Search_matches_a_phrase_prefix_of_item_titles_and_descriptions()
    {
        var marker = "zq" + Guid.NewGuid().ToString("N")[..8];
        var wanted = await service.Host.CreateOrderAsync(NewOrder(Item("sku-1", $"Woolly {marker}xyz jumper")));
        var other = await service.Host.CreateOrderAsync(NewOrder(Item("sku-1", $"{marker}xyz woolly jumper")));
        await service.Host.GetOrderAsync(wanted, 0);
        await service.Host.GetOrderAsync(other, 0);

        var found = await service.Host.SearchAsync($"?search=woolly%20{marker}");

        Assert.Equal([wanted], found.Orders.Select(o => o.OrderId));
        Assert.Equal(new PaginationView(1, 1, 1, 10, false), found.Pagination);
    }

    [Fact]
    public async Task Search_pages_newest_first_and_says_whether_there_is_more()
    {
        var marker = "zp" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
            ids.Add(await service.Host.CreateOrderAsync(NewOrder(Item("sku-1", $"{marker} lamp {i}"))));
        await service.Host.GetOrderAsync(ids[^1], 0);

        var first = await service.Host.SearchAsync($"?search={marker}&page=1&size=2");
        var last = await service.Host.SearchAsync($"?search={marker}&page=3&size=2");

        Assert.Equal(new PaginationView(5, 3, 1, 2, true), first.Pagination);
        Assert.Equal([ids[4], ids[3]], first.Orders.Select(o => o.OrderId));
        Assert.Equal(new PaginationView(5, 3, 3, 2, false), last.Pagination);
        Assert.Equal([ids[0]], last.Orders.Select(o => o.OrderId));
    }

    [Fact]
    public async Task A_search_hit_is_the_order_exactly_as_GET_answers_it()
    {
        var marker = "zh" + Guid.NewGuid().ToString("N")[..8];
        var id = await service.Host.CreateOrderAsync(NewOrder(Item("sku-1", $"{marker} kettle", 2, 12.5m)));
        await service.Host.PayAsync(id, "pay-7");
        var canceled = await (await service.Host.CancelAsync(id, "found a cheaper one")).AnswerAsync();
        var get = await service.Host.Scenario(s => s.Get.Url($"/api/v1/orders/{id}?minVersion={canceled.Version}"));
        var search = await service.Host.Scenario(s => s.Get.Url($"/api/v1/orders/search?search={marker}"));

        var order = JsonNode.Parse(await get.ReadAsTextAsync())!;
        var hit = Assert.Single(JsonNode.Parse(await search.ReadAsTextAsync())!["orders"]!.AsArray())!;

        Assert.Equal(order.ToJsonString(), hit.ToJsonString());
        Assert.Equal(
            ["orderId", "accountEmail", "deliveryAddress", "shopItems", "totalPrice", "status", "paid", "submitted", "completed",
                "canceled", "cancelReason", "payment", "deliveredTime", "createdAt", "updatedAt", "version"],
            hit.AsObject().Select(p => p.Key));
        Assert.Equal(("pay-7", "found a cheaper one"), ((string?)hit["payment"]!["paymentId"], (string?)hit["cancelReason"]));
    }

    [Theory]
    [InlineData("?page=0")]
    [InlineData("?page=abc")]
    [InlineData("?size=0")]
    [InlineData("?size=101")]
    [InlineData("?page=101&size=100")]
    [InlineData("?page=1001")]
    [InlineData("?page=9999999999999")]
    public async Task Paging_out_of_range_answers_400(string query)
    {
        var result = await service.Host.Scenario(s =>
        {
            s.Get.Url("/api/v1/orders/search" + query);
            s.StatusCodeShouldBe(400);
        });

        var problem = await result.ProblemAsync();
        Assert.Equal("validation_failed", problem.Code);
        Assert.True(problem.Errors!.ContainsKey(query.Contains("size=", StringComparison.Ordinal) && !query.Contains("page=", StringComparison.Ordinal) ? "size" : "page"));
    }

    [Theory]
    [InlineData("?page=100&size=100", 100, 100)]
    [InlineData("?page=1000", 1000, 10)]
    [InlineData("?page=10000&size=1", 10000, 1)]
    public async Task The_deepest_pages_within_the_first_ten_thousand_matches_are_served(string query, int page, int size)
    {
        var found = await service.Host.SearchAsync(query);

        Assert.Equal((page, size), (found.Pagination.Page, found.Pagination.Size));
    }
}
