using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orders.Decider;
using Orders.Host.GrpcApi.Contract;
using Orders.Host.Http;
using Orders.Specs.Http.ApiContract;
using Orders.Specs.Operations;

namespace Orders.Specs.Http;

/// <summary>
/// The OpenAPI document tells the truth: each answer below is provoked and checked against the document, every
/// documented answer is provoked, and the document itself is pinned. (Every other spec's answers are checked too,
/// when the host's collection is done: see <see cref="OrdersHost"/>.)
/// </summary>
[Collection(OrdersHostCollection.Name)]
public sealed class ApiDocumentSpecs(OrdersHost service)
{
    /// <summary>
    /// A documented answer no request here can provoke: a rebuild, which would replay the shared host's read model
    /// under the other specs.
    /// </summary>
    static readonly string[] ProvokedElsewhere =
    [
        "RebuildProjection 202",
        // Needs a second host that holds the leases: SharedReadModelHostSpecs.
        "ReplayParkedEvents 409", "SkipParkedEvent 409", "RebuildProjection 409",
    ];

    [Fact]
    public async Task The_OpenAPI_document_is_the_approved_one()
    {
        var result = await service.Host.Scenario(s => s.Get.Url("/openapi/v1.json"));

        ApprovedFile.Verify(JsonNode.Parse(await result.ReadAsTextAsync())!.ToJsonString(new() { WriteIndented = true }), "openapi");
    }

    [Fact]
    public async Task Every_documented_answer_is_given_and_each_is_as_documented()
    {
        var contract = await service.ApiContractAsync();
        var before = service.Responses.All.Count;
        var unavailable = new RecordedResponses();

        await ProvokeEveryAnswerAsync();
        await using (var unreachable = await OwnHost.StartAsync(
            EventStoreUnavailableSpecs.UnreachableEventStore(), services => services.AddSingleton<IStartupFilter>(unavailable)))
            await ProvokeEventStoreUnavailableAsync(unreachable.Host);

        var given = new HashSet<string>();
        var failures = new List<string>();
        foreach (var response in service.Responses.All.Skip(before).Concat(unavailable.All))
        {
            failures.AddRange(contract.Check(response, out var answer));
            if (answer is not null)
                given.Add(answer.ToString());
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var missing = contract.Answers.Select(a => a.ToString()).Except(given).Except(ProvokedElsewhere).ToList();
        Assert.True(missing.Count == 0, "Documented, never answered: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("PUT", "/api/v1/orders/pay/{0}", 500, "application/problem+json", "{\"status\": 500, \"title\": \"x\", \"code\": \"internal_error\"}", "", "does not list")]
    [InlineData("PUT", "/api/v1/orders/pay/{0}", 409, "application/problem+json", "{\"status\": 409, \"title\": \"x\", \"code\": \"version_mismatch\"}", "", "does not match its schema")]
    [InlineData("PUT", "/api/v1/orders/pay/{0}", 400, "application/problem+json", "{\"status\": 400, \"title\": \"x\", \"code\": \"validation_failed\"}", "", "does not match its schema")]
    [InlineData("PUT", "/api/v1/orders/pay/{0}", 200, "application/json", "{\"orderId\": \"{0}\", \"version\": 1}", "", "lacks the header ETag")]
    [InlineData("PUT", "/api/v1/orders/pay/{0}", 200, "application/problem+json", "{}", "ETag", "is documented as application/json")]
    [InlineData("GET", "/api/v1/orders/{0}", 200, "application/json", "{\"orderId\": \"{0}\"}", "ETag", "does not match its schema")]
    [InlineData("DELETE", "/api/v1/orders/{0}", 204, null, "", "", "no operation is documented")]
    public async Task An_answer_the_document_does_not_describe_is_reported(
        string method, string path, int status, string? contentType, string body, string header, string failure)
    {
        var contract = await service.ApiContractAsync();
        var id = Guid.CreateVersion7().ToString();
        var headers = header.Length == 0 ? new HashSet<string>() : new HashSet<string> { header };

        var failures = contract.Check(
            new RecordedResponse(method, path.Replace("{0}", id, StringComparison.Ordinal), status, contentType,
                body.Replace("{0}", id, StringComparison.Ordinal), headers), out _);

        Assert.Contains(failures, f => f.Contains(failure, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_command_is_an_HTTP_operation_and_a_gRPC_method()
    {
        var contract = await service.ApiContractAsync();
        var operations = contract.Answers.Select(a => a.OperationId).ToHashSet();
        var methods = orderService.Descriptor.Methods.Select(m => m.Name).ToHashSet();

        foreach (var command in typeof(OrderCommand).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(OrderCommand)) && !t.IsAbstract))
        {
            Assert.True(operations.Contains(command.Name), $"No HTTP operation has the operationId {command.Name}.");
            Assert.True(methods.Contains(command.Name), $"The gRPC service orderService has no method {command.Name}.");
        }
    }

    [Fact]
    public async Task The_interactive_API_page_is_served()
    {
        var result = await service.Host.Scenario(s => s.Get.Url("/docs/"));

        Assert.Contains("<html", await result.ReadAsTextAsync(), StringComparison.OrdinalIgnoreCase);
    }

    async Task ProvokeEveryAnswerAsync()
    {
        var unknown = Guid.CreateVersion7();
        var huge = "{\"cancelReason\":\"" + new string('a', 1024 * 1024) + "\"}";
        var commands = new (HttpMethod Method, string Route, string Body)[]
        {
            (HttpMethod.Put, "/api/v1/orders/cart/{0}", "{\"shopItems\": [{\"id\": \"a\", \"title\": \"Jumper\", \"quantity\": 1, \"price\": 10}]}"),
            (HttpMethod.Put, "/api/v1/orders/address/{0}", "{\"deliveryAddress\": \"2 High St\"}"),
            (HttpMethod.Put, "/api/v1/orders/pay/{0}", "{\"paymentId\": \"pay-1\"}"),
            (HttpMethod.Put, "/api/v1/orders/submit/{0}", ""),
            (HttpMethod.Post, "/api/v1/orders/complete/{0}", "{}"),
        };

        // 201 and the 200 of each command, in the order the lifecycle allows.
        var order = await service.Host.CreateOrderAsync();
        foreach (var (method, route, body) in commands)
            await SendAsync(method, string.Format(route, order), body);
        var canceled = await service.Host.CreateOrderAsync();
        await SendAsync(HttpMethod.Post, $"/api/v1/orders/cancel/{canceled}", "{\"cancelReason\": \"wrong size\"}");

        foreach (var (method, route, body) in commands.Append((HttpMethod.Post, "/api/v1/orders/cancel/{0}", "{\"cancelReason\": \"late\"}")))
        {
            await SendAsync(method, string.Format(route, "not-an-id"), body);                                   // 400
            await SendAsync(method, string.Format(route, unknown), body);                                      // 404
            await SendAsync(method, string.Format(route, route.Contains("cancel", StringComparison.Ordinal) ? order : canceled), body); // 409
            await SendAsync(method, string.Format(route, order), body, ifMatch: "\"99\"");                     // 412
            await SendAsync(method, string.Format(route, order), huge);                                        // 413
            await SendAsync(method, string.Format(route, order), "x", "text/plain");                           // 415
        }
        await SendAsync(HttpMethod.Post, "/api/v1/orders", "null");                                            // 400
        await SendAsync(HttpMethod.Post, "/api/v1/orders", ApiExamples.CreateOrder, ifMatch: "\"3\"");          // 412
        await SendAsync(HttpMethod.Post, "/api/v1/orders", huge);                                              // 413
        await SendAsync(HttpMethod.Post, "/api/v1/orders", "x", "text/plain");                                 // 415

        await GetAsync($"/api/v1/orders/{order}");
        await GetAsync("/api/v1/orders/not-an-id");
        await GetAsync($"/api/v1/orders/{unknown}");
        await GetAsync($"/api/v1/orders/{order}?minVersion=99");                                               // 503 after 5 s
        await GetAsync("/api/v1/orders/search?search=jum");
        await GetAsync("/api/v1/orders/search?size=0");

        await GetAsync("/admin/projections");
        await GetAsync("/admin/projections", adminKey: "wrong");
        await GetAsync("/admin/projections/parked");
        await GetAsync("/admin/projections/parked", adminKey: "wrong");
        await SendAsync(HttpMethod.Post, $"/admin/projections/search/streams/order-{order}/replay", "", admin: true);
        await SendAsync(HttpMethod.Post, $"/admin/projections/nothing/streams/order-{order}/replay", "", admin: true);
        await SendAsync(HttpMethod.Post, $"/admin/projections/search/streams/order-{order}/skip/0", "", admin: true);
        await SendAsync(HttpMethod.Post, $"/admin/projections/nothing/streams/order-{order}/skip/0", "", admin: true);
        await SendAsync(HttpMethod.Post, "/admin/projections/search/streams/x/replay", "");
        await SendAsync(HttpMethod.Post, "/admin/projections/search/streams/x/skip/0", "");
        await SendAsync(HttpMethod.Post, "/admin/projections/search/rebuild", "");
        await SendAsync(HttpMethod.Post, "/admin/projections/nothing/rebuild", "", admin: true);
    }

    /// <summary>Every command, valid, on a host whose event store does not answer: each is a 503.</summary>
    static async Task ProvokeEventStoreUnavailableAsync(IAlbaHost host)
    {
        var order = Guid.CreateVersion7();
        (HttpMethod Method, string Route, string Body)[] commands =
        [
            (HttpMethod.Post, "/api/v1/orders", ApiExamples.CreateOrder),
            (HttpMethod.Put, $"/api/v1/orders/cart/{order}", ApiExamples.UpdateShoppingCart),
            (HttpMethod.Put, $"/api/v1/orders/address/{order}", ApiExamples.ChangeDeliveryAddress),
            (HttpMethod.Put, $"/api/v1/orders/pay/{order}", ApiExamples.PayOrder),
            (HttpMethod.Put, $"/api/v1/orders/submit/{order}", ""),
            (HttpMethod.Post, $"/api/v1/orders/complete/{order}", ApiExamples.CompleteOrder),
            (HttpMethod.Post, $"/api/v1/orders/cancel/{order}", ApiExamples.CancelOrder),
        ];
        foreach (var (method, url, body) in commands)
            await SendAsync(host, method, url, body);
    }

    Task SendAsync(HttpMethod method, string url, string body, string contentType = "application/json", string? ifMatch = null, bool admin = false) =>
        SendAsync(service.Host, method, url, body, contentType, ifMatch, admin);

    static async Task SendAsync(
        IAlbaHost host, HttpMethod method, string url, string body, string contentType = "application/json", string? ifMatch = null, bool admin = false)
    {
        using var client = host.Server.CreateClient();
        using var request = new HttpRequestMessage(method, url);
        if (body.Length > 0)
            request.Content = new StringContent(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType));
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (admin)
            request.Headers.Add("X-Admin-Key", OrdersHost.AdminKey);
        using var _ = await client.SendAsync(request);
    }

    async Task GetAsync(string url, string? adminKey = OrdersHost.AdminKey)
    {
        using var client = service.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (url.StartsWith("/admin", StringComparison.Ordinal))
            request.Headers.Add("X-Admin-Key", adminKey);
        using var _ = await client.SendAsync(request);
    }
}
