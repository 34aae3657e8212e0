using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Orders.Decider;
using Orders.Host.GrpcApi.Contract;
using static Orders.Specs.GrpcApi.GrpcRequests;

namespace Orders.Specs.GrpcApi;

[Collection(GrpcHostCollection.Name)]
public sealed class GrpcErrorSpecs(GrpcHost service)
{
    orderService.orderServiceClient Client => service.Client;

    /// <summary>Every method that names an order, called with the given id.</summary>
    public static TheoryData<string> MethodsNamingAnOrder() =>
        ["PayOrder", "SubmitOrder", "UpdateShoppingCart", "CancelOrder", "CompleteOrder", "ChangeDeliveryAddress", "GetOrderByID"];

    Func<Task> Call(string method, string id) => method switch
    {
        "PayOrder" => () => Client.PayOrderAsync(Pay(id)).ResponseAsync,
        "SubmitOrder" => () => Client.SubmitOrderAsync(new() { AggregateID = id }).ResponseAsync,
        "UpdateShoppingCart" => () => Client.UpdateShoppingCartAsync(Cart(id, Item())).ResponseAsync,
        "CancelOrder" => () => Client.CancelOrderAsync(new() { AggregateID = id, CancelReason = "no longer needed" }).ResponseAsync,
        "CompleteOrder" => () => Client.CompleteOrderAsync(Complete(id)).ResponseAsync,
        "ChangeDeliveryAddress" => () => Client.ChangeDeliveryAddressAsync(new() { AggregateID = id, DeliveryAddress = "2 Elm St" }).ResponseAsync,
        "GetOrderByID" => () => Client.GetOrderByIDAsync(new() { AggregateID = id }).ResponseAsync,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    [Theory]
    [MemberData(nameof(MethodsNamingAnOrder))]
    public async Task A_malformed_id_is_an_invalid_argument(string method)
    {
        var failure = await FailureOf(Call(method, "not-a-uuid"));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal("invalid_order_id", failure.Code());
        Assert.Contains("not-a-uuid", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MethodsNamingAnOrder))]
    public async Task An_order_that_does_not_exist_is_not_found(string method)
    {
        var failure = await FailureOf(Call(method, Guid.CreateVersion7().ToString()));

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
        Assert.Equal("order_not_found", failure.Code());
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once_in_the_detail_and_the_trailers()
    {
        var request = new CreateOrderReq { AccountEmail = "not an email", DeliveryAddress = " " };
        request.ShopItems.Add(new ShopItem { ID = "", Title = "Hat", Quantity = 0, Price = -1 });

        var failure = await FailureOf(() => Client.CreateOrderAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal("validation_failed", failure.Code());
        string[] fields = ["shopItems[0].id", "shopItems[0].quantity", "shopItems[0].price", "accountEmail", "deliveryAddress"];
        Assert.Equal(fields.Order(), failure.InvalidFields().Order());
        Assert.All(fields, field => Assert.Contains(field, failure.Status.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_quantity_past_the_domain_s_range_is_reported_by_validation()
    {
        var failure = await FailureOf(() => Client.CreateOrderAsync(NewOrder(Item(quantity: ulong.MaxValue))));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal(["shopItems[0].quantity"], failure.InvalidFields());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e300)]
    public async Task A_price_that_is_no_amount_of_money_is_an_invalid_argument(double price)
    {
        var id = await Client.PlaceOrderAsync();

        var failure = await FailureOf(() => Client.UpdateShoppingCartAsync(Cart(id, Item(), Item(price: price))));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal(["shopItems[1].price"], failure.InvalidFields());
        Assert.Single(await service.EventStore.ReadStreamAsync(OrderStream.Name(Guid.Parse(id))));
    }

    [Fact]
    public async Task A_timestamp_outside_the_calendar_is_an_invalid_argument()
    {
        var id = await Client.PlaceOrderAsync();
        var request = Pay(id);
        request.Payment.Timestamp = new Timestamp { Seconds = 1, Nanos = -5 };

        var failure = await FailureOf(() => Client.PayOrderAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal(["payment.timestamp"], failure.InvalidFields());
    }

    [Fact]
    public async Task A_domain_rejection_is_a_failed_precondition_with_its_code()
    {
        var id = await Client.PlaceOrderAsync();

        var submitted = await FailureOf(() => Client.SubmitOrderAsync(new() { AggregateID = id }));
        await Client.PayOrderAsync(Pay(id, "pay-1"));
        var paidAgain = await FailureOf(() => Client.PayOrderAsync(Pay(id, "pay-2")));

        Assert.Equal((StatusCode.FailedPrecondition, "order_not_paid"), (submitted.StatusCode, submitted.Code()));
        Assert.Equal((StatusCode.FailedPrecondition, "order_already_paid"), (paidAgain.StatusCode, paidAgain.Code()));
        Assert.Equal(2, (await service.EventStore.ReadStreamAsync(OrderStream.Name(Guid.Parse(id)))).Count);
    }

    [Fact]
    public async Task Of_many_concurrent_payments_with_different_ids_exactly_one_wins()
    {
        var id = await Client.PlaceOrderAsync();

        var codes = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            try
            {
                await Client.PayOrderAsync(Pay(id, $"pay-{i}"));
                return "ok";
            }
            catch (RpcException failure) when (failure.StatusCode == StatusCode.FailedPrecondition)
            {
                return failure.Code();
            }
        }));

        Assert.Single(codes, c => c == "ok");
        Assert.All(codes.Where(c => c != "ok"), c => Assert.Equal("order_already_paid", c));
        var stored = await service.EventStore.ReadStreamAsync(OrderStream.Name(Guid.Parse(id)));
        Assert.Single(stored, e => e.Type == "V1_ORDER_PAID");
    }
}
