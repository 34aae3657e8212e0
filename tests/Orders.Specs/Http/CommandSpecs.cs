using Orders.Decider;
using static Orders.Specs.Http.OrderRequests;

namespace Orders.Specs.Http;

[Collection(OrdersHostCollection.Name)]
public sealed class CommandSpecs(OrdersHost service)
{
    [Fact]
    public async Task Creating_an_order_answers_201_with_its_location_id_and_first_version()
    {
        var result = await service.Host.SendAsync(HttpMethod.Post, "/api/v1/orders", NewOrder(), 201);

        var answer = await result.AnswerAsync();
        Assert.Equal(0, answer.Version);
        Assert.Equal($"/api/v1/orders/{answer.OrderId}", result.Context.Response.Headers.Location.ToString());
        Assert.Equal("\"0\"", result.Context.Response.Headers.ETag.ToString());
        var stored = await service.EventStore.ReadStreamAsync(OrderStream.Name(answer.OrderId));
        Assert.Equal("V1_ORDER_CREATED", Assert.Single(stored).Type);
    }

    [Fact]
    public async Task An_order_goes_through_its_whole_life_one_version_per_event()
    {
        var id = await service.Host.CreateOrderAsync();

        Assert.Equal(1, (await (await service.Host.UpdateCartAsync(id, [Item(quantity: 3)])).AnswerAsync()).Version);
        Assert.Equal(2, (await (await service.Host.PayAsync(id)).AnswerAsync()).Version);
        Assert.Equal(3, (await (await service.Host.SubmitAsync(id)).AnswerAsync()).Version);
        Assert.Equal(4, (await (await service.Host.ChangeAddressAsync(id, "2 Elm St")).AnswerAsync()).Version);
        Assert.Equal(5, (await (await service.Host.CompleteAsync(id)).AnswerAsync()).Version);

        var types = (await service.EventStore.ReadStreamAsync(OrderStream.Name(id))).Select(e => e.Type);
        Assert.Equal(
            ["V1_ORDER_CREATED", "V1_SHOPPING_CART_UPDATED", "V1_ORDER_PAID", "V1_ORDER_SUBMITTED",
             "V1_DELIVERY_ADDRESS_CHANGED", "V1_ORDER_COMPLETED"],
            types);
    }

    [Fact]
    public async Task A_repeat_that_is_already_satisfied_answers_200_and_appends_nothing()
    {
        var id = await service.Host.CreateOrderAsync();
        await service.Host.PayAsync(id, "pay-7");

        var repeat = await (await service.Host.PayAsync(id, "pay-7")).AnswerAsync();

        Assert.Equal(1, repeat.Version);
        Assert.Equal(2, (await service.EventStore.ReadStreamAsync(OrderStream.Name(id))).Count);
    }

    [Fact]
    public async Task The_original_paymentID_spelling_binds()
    {
        var id = await service.Host.CreateOrderAsync();

        await service.Host.SendAsync(HttpMethod.Put, $"/api/v1/orders/pay/{id}", new { paymentID = "pay-9" }, 200);

        var paid = Assert.Single(await service.EventStore.ReadStreamAsync(OrderStream.Name(id)), e => e.Type == "V1_ORDER_PAID");
        Assert.Contains("\"paymentID\":\"pay-9\"", System.Text.Encoding.UTF8.GetString(paid.Data.Span));
    }

    [Fact]
    public async Task Invalid_fields_answer_400_naming_every_failing_field_and_append_nothing()
    {
        var body = new
        {
            shopItems = new[] { new { id = "", title = "Hat", description = "", quantity = 0, price = 1.234m } },
            accountEmail = "not-an-email",
            deliveryAddress = "",
        };

        var problem = await (await service.Host.SendAsync(HttpMethod.Post, "/api/v1/orders", body, 400)).ProblemAsync();

        Assert.Equal("validation_failed", problem.Code);
        Assert.Equal(
            ["accountEmail", "deliveryAddress", "shopItems[0].id", "shopItems[0].price", "shopItems[0].quantity"],
            problem.Errors!.Keys.Order());
    }

    [Fact]
    public async Task A_domain_rejection_answers_409_with_its_code_and_appends_nothing()
    {
        var id = await service.Host.CreateOrderAsync();

        var problem = await (await service.Host.SubmitAsync(id, status: 409)).ProblemAsync();

        Assert.Equal("order_not_paid", problem.Code);
        Assert.Single(await service.EventStore.ReadStreamAsync(OrderStream.Name(id)));
    }

    [Fact]
    public async Task A_canceled_order_refuses_a_cart_update()
    {
        var id = await service.Host.CreateOrderAsync();
        await service.Host.CancelAsync(id);

        var problem = await (await service.Host.UpdateCartAsync(id, [Item()], status: 409)).ProblemAsync();

        Assert.Equal("order_canceled", problem.Code);
    }

    [Fact]
    public async Task A_command_on_an_unknown_order_answers_404()
    {
        var problem = await (await service.Host.PayAsync(Guid.NewGuid(), status: 404)).ProblemAsync();

        Assert.Equal("order_not_found", problem.Code);
    }

    [Fact]
    public async Task A_malformed_order_id_answers_400()
    {
        var problem = await (await service.Host.SendAsync(HttpMethod.Put, "/api/v1/orders/submit/not-a-uuid", null, 400)).ProblemAsync();

        Assert.Equal("invalid_order_id", problem.Code);
    }
}
