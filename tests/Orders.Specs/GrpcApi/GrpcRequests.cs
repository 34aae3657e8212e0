using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Orders.Host.GrpcApi.Contract;

namespace Orders.Specs.GrpcApi;

/// <summary>Named requests of the original's gRPC API, so that each spec reads as the scenario it is.</summary>
static class GrpcRequests
{
    public static ShopItem Item(string title = "Blue shirt", ulong quantity = 1, double price = 19.99) =>
        new() { ID = "sku-1", Title = title, Description = "Cotton, slim fit", Quantity = quantity, Price = price };

    public static CreateOrderReq NewOrder(params ShopItem[] items)
    {
        var request = new CreateOrderReq { AccountEmail = "alice@example.com", DeliveryAddress = "1 Main St, Springfield" };
        request.ShopItems.AddRange(items.Length == 0 ? [Item()] : items);
        return request;
    }

    public static async Task<string> PlaceOrderAsync(this orderService.orderServiceClient client, CreateOrderReq? request = null) =>
        (await client.CreateOrderAsync(request ?? NewOrder())).AggregateID;

    public static PayOrderReq Pay(string id, string paymentId = "pay-1", DateTimeOffset? at = null) =>
        new() { AggregateID = id, Payment = new Payment { ID = paymentId, Timestamp = at is { } t ? Timestamp.FromDateTimeOffset(t) : null } };

    public static UpdateShoppingCartReq Cart(string id, params ShopItem[] items)
    {
        var request = new UpdateShoppingCartReq { AggregateID = id };
        request.ShopItems.AddRange(items);
        return request;
    }

    public static CompleteOrderReq Complete(string id, DateTimeOffset? at = null) =>
        new() { AggregateID = id, DeliveryTimestamp = at is { } t ? Timestamp.FromDateTimeOffset(t) : null };

    /// <summary>The status a call failed with; fails the spec when the call succeeded.</summary>
    public static Task<RpcException> FailureOf<T>(Func<AsyncUnaryCall<T>> call) =>
        FailureOf(() => call().ResponseAsync);

    public static Task<RpcException> FailureOf(Func<Task> call) => Assert.ThrowsAsync<RpcException>(call);

    public static string? Code(this RpcException failure) => failure.Trailers.GetValue("code");

    public static string[] InvalidFields(this RpcException failure) =>
        failure.Trailers.Where(t => t.Key == "invalid-field").Select(t => t.Value.Split(':')[0]).ToArray();
}
