using Orders.Decider;

namespace Orders.Specs.Http;

[Collection(OrdersHostCollection.Name)]
public sealed class ConcurrencySpecs(OrdersHost service)
{
    [Fact]
    public async Task If_Match_with_the_current_version_goes_through_and_answers_the_new_ETag()
    {
        var id = await service.Host.CreateOrderAsync();

        var result = await service.Host.ChangeAddressAsync(id, "2 Elm St", ifMatch: "\"0\"");

        Assert.Equal("\"1\"", result.Context.Response.Headers.ETag.ToString());
    }

    [Fact]
    public async Task If_Match_with_a_stale_version_answers_412_with_the_current_ETag_and_appends_nothing()
    {
        var id = await service.Host.CreateOrderAsync();
        await service.Host.ChangeAddressAsync(id, "2 Elm St");

        var result = await service.Host.ChangeAddressAsync(id, "3 Oak St", status: 412, ifMatch: "\"0\"");

        Assert.Equal("version_mismatch", (await result.ProblemAsync()).Code);
        Assert.Equal("\"1\"", result.Context.Response.Headers.ETag.ToString());
        Assert.Equal(2, (await service.EventStore.ReadStreamAsync(OrderStream.Name(id))).Count);
    }

    [Fact]
    public async Task An_If_Match_that_names_no_version_answers_400()
    {
        var id = await service.Host.CreateOrderAsync();

        var problem = await (await service.Host.ChangeAddressAsync(id, "2 Elm St", status: 400, ifMatch: "*")).ProblemAsync();

        Assert.Equal("invalid_if_match", problem.Code);
    }

    [Fact]
    public async Task Of_many_concurrent_payments_with_different_ids_exactly_one_wins()
    {
        var id = await service.Host.CreateOrderAsync();
        using var client = service.Host.Server.CreateClient();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            using var content = System.Net.Http.Json.JsonContent.Create(new { paymentId = $"pay-{i}" });
            using var response = await client.PutAsync($"/api/v1/orders/pay/{id}", content);
            return (int)response.StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == 200));
        Assert.All(statuses.Where(s => s != 200), s => Assert.Equal(409, s));
        var stored = await service.EventStore.ReadStreamAsync(OrderStream.Name(id));
        Assert.Single(stored, e => e.Type == "V1_ORDER_PAID");
    }

    [Fact]
    public async Task Of_many_concurrent_changes_pinned_to_one_version_exactly_one_wins_the_rest_get_412()
    {
        var id = await service.Host.CreateOrderAsync();
        using var client = service.Host.Server.CreateClient();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/orders/address/{id}")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { deliveryAddress = $"{i} Race St" }),
            };
            request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
            using var response = await client.SendAsync(request);
            return (int)response.StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == 200));
        Assert.Equal(15, statuses.Count(s => s == 412));
        Assert.Equal(2, (await service.EventStore.ReadStreamAsync(OrderStream.Name(id))).Count);
    }
}
