using System.Text.Json;
using Alba;

namespace Orders.Specs.Http;

/// <summary>Named requests against the original routes, so that each spec reads as the scenario it is.</summary>
public static class OrderRequests
{
    public static object Item(string id = "sku-1", string title = "Blue shirt", int quantity = 1, decimal price = 19.99m) =>
        new { id, title, description = "Cotton, slim fit", quantity, price };

    public static object NewOrder(params object[] items) => new
    {
        shopItems = items.Length == 0 ? [Item()] : items,
        accountEmail = "alice@example.com",
        deliveryAddress = "1 Main St, Springfield",
    };

    public static async Task<Guid> CreateOrderAsync(this IAlbaHost host, object? body = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(body ?? NewOrder()).ToUrl("/api/v1/orders");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<CommandAnswer>())!.OrderId;
    }

    public static Task<IScenarioResult> SendAsync(
        this IAlbaHost host, HttpMethod method, string url, object? body, int expectedStatus, string? ifMatch = null) =>
        host.Scenario(s =>
        {
            var send = method == HttpMethod.Put ? s.Put : s.Post;
            if (body is null)
                send.Url(url);
            else
                send.Json(body).ToUrl(url);
            if (ifMatch is not null)
                s.WithRequestHeader("If-Match", ifMatch);
            s.StatusCodeShouldBe(expectedStatus);
        });

    public static Task<IScenarioResult> PayAsync(this IAlbaHost host, Guid id, string paymentId = "pay-1", int status = 200, string? ifMatch = null) =>
        host.SendAsync(HttpMethod.Put, $"/api/v1/orders/pay/{id}", new { paymentId }, status, ifMatch);

    public static Task<IScenarioResult> UpdateCartAsync(this IAlbaHost host, Guid id, object[] items, int status = 200) =>
        host.SendAsync(HttpMethod.Put, $"/api/v1/orders/cart/{id}", new { shopItems = items }, status);

    public static Task<IScenarioResult> SubmitAsync(this IAlbaHost host, Guid id, int status = 200) =>
        host.SendAsync(HttpMethod.Put, $"/api/v1/orders/submit/{id}", null, status);

    public static Task<IScenarioResult> ChangeAddressAsync(this IAlbaHost host, Guid id, string address, int status = 200, string? ifMatch = null) =>
        host.SendAsync(HttpMethod.Put, $"/api/v1/orders/address/{id}", new { deliveryAddress = address }, status, ifMatch);

    public static Task<IScenarioResult> CancelAsync(this IAlbaHost host, Guid id, string reason = "changed my mind", int status = 200) =>
        host.SendAsync(HttpMethod.Post, $"/api/v1/orders/cancel/{id}", new { cancelReason = reason }, status);

    public static Task<IScenarioResult> CompleteAsync(this IAlbaHost host, Guid id, int status = 200) =>
        host.SendAsync(HttpMethod.Post, $"/api/v1/orders/complete/{id}", new { deliveryTimestamp = "2024-05-01T10:00:00.123456789+02:00" }, status);

    /// <summary>The order document once it reflects at least <paramref name="version"/> (read-your-writes).</summary>
    public static async Task<OrderView> GetOrderAsync(this IAlbaHost host, Guid id, long version)
    {
        var result = await host.Scenario(s => s.Get.Url($"/api/v1/orders/{id}?minVersion={version}"));
        return (await result.ReadAsJsonAsync<OrderView>())!;
    }

    public static async Task<SearchView> SearchAsync(this IAlbaHost host, string query, int status = 200)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url("/api/v1/orders/search" + query);
            s.StatusCodeShouldBe(status);
        });
        return (await result.ReadAsJsonAsync<SearchView>())!;
    }

    public static async Task<CommandAnswer> AnswerAsync(this IScenarioResult result) =>
        (await result.ReadAsJsonAsync<CommandAnswer>())!;

    public static async Task<Problem> ProblemAsync(this IScenarioResult result)
    {
        Assert.Equal("application/problem+json", result.Context.Response.ContentType);
        return JsonSerializer.Deserialize<Problem>(await result.ReadAsTextAsync(), Web)!;
    }

    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}

public sealed record CommandAnswer(Guid OrderId, long Version);

public sealed record OrderView(
    Guid OrderId, string AccountEmail, string DeliveryAddress, ShopItemView[] ShopItems, decimal TotalPrice, string Status,
    bool Paid, bool Submitted, bool Completed, bool Canceled, string CancelReason, PaymentView? Payment,
    string? DeliveredTime, string CreatedAt, string UpdatedAt, long Version);

public sealed record ShopItemView(string Id, string Title, string Description, int Quantity, decimal Price);

public sealed record PaymentView(string PaymentId, string Timestamp);

public sealed record SearchView(PaginationView Pagination, OrderView[] Orders);

public sealed record PaginationView(long TotalCount, long TotalPages, int Page, int Size, bool HasMore);

public sealed record Problem(int Status, string Code, string? Detail, Dictionary<string, string[]>? Errors);
