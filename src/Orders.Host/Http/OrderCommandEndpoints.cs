using Microsoft.AspNetCore.Mvc;
using Orders.Decider;
using Orders.Host.Commands;
using Wolverine.Http;

namespace Orders.Host.Http;

/// <summary>
/// The original service's command routes. Each one only turns a request into a command; ids and time enter here,
/// everything else happens in <see cref="OrderCommandRunner"/>.
/// </summary>
public static class OrderCommandEndpoints
{
    [WolverinePost("/api/v1/orders", OperationId = "CreateOrder")]
    [Consumes(typeof(CreateOrderBody), "application/json")]
    public static Task<IResult> CreateOrder(HttpRequest request, OrderCommandRunner runner, CancellationToken ct) =>
        Run<CreateOrderBody>(request, id: null, runner, (orderId, body) => new OrderCommand.CreateOrder(
            orderId, body.ShopItems.ToShopItems(), body.AccountEmail ?? "", body.DeliveryAddress ?? ""), ct);

    [WolverinePut("/api/v1/orders/cart/{id}", OperationId = "UpdateShoppingCart")]
    [Consumes(typeof(UpdateShoppingCartBody), "application/json")]
    public static Task<IResult> UpdateShoppingCart(string id, HttpRequest request, OrderCommandRunner runner, CancellationToken ct) =>
        Run<UpdateShoppingCartBody>(request, id, runner, (orderId, body) =>
            new OrderCommand.UpdateShoppingCart(orderId, body.ShopItems.ToShopItems()), ct);

    [WolverinePut("/api/v1/orders/pay/{id}", OperationId = "PayOrder")]
    [Consumes(typeof(PayOrderBody), "application/json")]
    public static Task<IResult> PayOrder(
        string id, HttpRequest request, OrderCommandRunner runner, TimeProvider time, CancellationToken ct) =>
        Run<PayOrderBody>(request, id, runner, (orderId, body) =>
            new OrderCommand.PayOrder(orderId, body.PaymentId ?? "", body.Timestamp ?? time.GetUtcNow()), ct);

    [WolverinePut("/api/v1/orders/submit/{id}", OperationId = "SubmitOrder")]
    public static Task<IResult> SubmitOrder(string id, HttpRequest request, OrderCommandRunner runner, CancellationToken ct) =>
        Run<NoBody>(request, id, runner, (orderId, _) => new OrderCommand.SubmitOrder(orderId), ct);

    [WolverinePut("/api/v1/orders/address/{id}", OperationId = "ChangeDeliveryAddress")]
    [Consumes(typeof(ChangeDeliveryAddressBody), "application/json")]
    public static Task<IResult> ChangeDeliveryAddress(string id, HttpRequest request, OrderCommandRunner runner, CancellationToken ct) =>
        Run<ChangeDeliveryAddressBody>(request, id, runner, (orderId, body) =>
            new OrderCommand.ChangeDeliveryAddress(orderId, body.DeliveryAddress ?? ""), ct);

    [WolverinePost("/api/v1/orders/cancel/{id}", OperationId = "CancelOrder")]
    [Consumes(typeof(CancelOrderBody), "application/json")]
    public static Task<IResult> CancelOrder(string id, HttpRequest request, OrderCommandRunner runner, CancellationToken ct) =>
        Run<CancelOrderBody>(request, id, runner, (orderId, body) =>
            new OrderCommand.CancelOrder(orderId, body.CancelReason ?? ""), ct);

    [WolverinePost("/api/v1/orders/complete/{id}", OperationId = "CompleteOrder")]
    [Consumes(typeof(CompleteOrderBody), "application/json", IsOptional = true)]
    public static Task<IResult> CompleteOrder(
        string id, HttpRequest request, OrderCommandRunner runner, TimeProvider time, CancellationToken ct) =>
        Run<CompleteOrderBody>(request, id, runner, (orderId, body) =>
            new OrderCommand.CompleteOrder(orderId, body.DeliveryTimestamp ?? time.GetUtcNow()), ct);

    /// <summary>
    /// Reads the id, If-Match and body, runs the command and answers. A new order's id is made here; a route without
    /// a body reads none, and the body of complete may be left out.
    /// </summary>
    static async Task<IResult> Run<TBody>(
        HttpRequest request, string? id, OrderCommandRunner runner, Func<Guid, TBody, OrderCommand> toCommand,
        CancellationToken ct)
        where TBody : class, new()
    {
        var orderId = Guid.CreateVersion7();
        if (id is not null && !OrderStream.TryParseId(id, out orderId))
            return ProblemResults.MalformedOrderId(id);
        if (!ETag.TryReadIfMatch(request, out var expected))
            return ProblemResults.InvalidIfMatch();

        var body = new TBody();
        if (typeof(TBody) != typeof(NoBody) && (id is null || HasBody(request)))
        {
            (var read, var problem) = await JsonBody.ReadAsync<TBody>(request, ct);
            if (problem is not null)
                return problem;
            body = read!;
        }

        var outcome = await runner.RunAsync(toCommand(orderId, body), expected, ct);
        return ProblemResults.From(outcome, accepted => Answer(accepted, created: id is null));
    }

    static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    sealed class NoBody;

    /// <summary>200 (or 201 with Location) with the order id and version, and the version as ETag.</summary>
    static IResult Answer(CommandOutcome.Accepted accepted, bool created)
    {
        var body = new OrderCommandResponse(accepted.OrderId, accepted.Version);
        return ETag.Attach(
            created ? TypedResults.Created($"/api/v1/orders/{accepted.OrderId}", body) : TypedResults.Ok(body),
            accepted.Version);
    }
}
