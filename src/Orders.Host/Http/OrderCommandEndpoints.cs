using LanguageExt;
using Microsoft.AspNetCore.Mvc;
using Orders.Decider;
using Orders.Host.Commands;
using Wolverine.Http;

namespace Orders.Host.Http;

/// <summary>
/// The original service's command routes. Wolverine binds each typed body; an endpoint only turns it into a
/// command (ids and time enter here) and <see cref="OrderCommandRunner"/> does the rest. Every field of a body is
/// optional (the body itself too: <c>null</c> reads as no fields), so that a missing one is reported by validation,
/// with its name, rather than by the JSON reader.
/// </summary>
public static class OrderCommandEndpoints
{
    /// <summary>Runs before each endpoint here: a malformed order id or If-Match stops the request.</summary>
    public static ProblemDetails Before(HttpRequest request) =>
        request.RouteValues.TryGetValue("id", out var id) && !OrderStream.TryParseId(id as string, out _)
            ? ProblemResults.MalformedOrderId($"{id}")
            : !ETag.TryReadIfMatch(request, out _)
                ? ProblemResults.InvalidIfMatch()
                : WolverineContinue.NoProblems;

    public sealed record ShopItemBody(string? Id, string? Title, string? Description, int Quantity, decimal Price);

    public sealed record CreateOrderBody(ShopItemBody[]? ShopItems, string? AccountEmail, string? DeliveryAddress);

    [WolverinePost("/api/v1/orders", OperationId = "CreateOrder")]
    [EndpointSummary("Create an order")]
    [EndpointDescription("Places a new pending order with its cart, the buyer's email and the delivery address. Answers 201 with the new order's id; Location is its address.")]
    [Tags("Orders"), CommandAnswers(createsOrder: true), ApiRequestExample(ApiExamples.CreateOrder)]
    public static Task<IResult> CreateOrder(CreateOrderBody? body, HttpRequest request, OrderCommandRunner runner, CancellationToken ct) =>
        runner.AnswerAsync(request, new OrderCommand.CreateOrder(
            Guid.CreateVersion7(), ShopItems(body?.ShopItems), body?.AccountEmail ?? "", body?.DeliveryAddress ?? ""), ct);

    public sealed record UpdateShoppingCartBody(ShopItemBody[]? ShopItems);

    [WolverinePut("/api/v1/orders/cart/{id}", OperationId = "UpdateShoppingCart")]
    [EndpointSummary("Replace an order's cart")]
    [EndpointDescription("Replaces the shop items of a pending order; the total follows. The same cart again changes nothing.")]
    [Tags("Orders"), CommandAnswers, ApiRequestExample(ApiExamples.UpdateShoppingCart)]
    public static Task<IResult> UpdateShoppingCart(
        string id, UpdateShoppingCartBody? body, HttpRequest request, OrderCommandRunner runner, CancellationToken ct) =>
        runner.AnswerAsync(request, new OrderCommand.UpdateShoppingCart(OrderId(id), ShopItems(body?.ShopItems)), ct);

    public sealed record PayOrderBody(string? PaymentId, DateTimeOffset? Timestamp);

    [WolverinePut("/api/v1/orders/pay/{id}", OperationId = "PayOrder")]
    [EndpointSummary("Pay for an order")]
    [EndpointDescription("Records the payment of a pending order. timestamp defaults to now; paying again with the same payment id changes nothing.")]
    [Tags("Orders"), CommandAnswers, ApiRequestExample(ApiExamples.PayOrder)]
    public static Task<IResult> PayOrder(
        string id, PayOrderBody? body, HttpRequest request, OrderCommandRunner runner, TimeProvider time, CancellationToken ct) =>
        runner.AnswerAsync(request, new OrderCommand.PayOrder(
            OrderId(id), body?.PaymentId ?? "", body?.Timestamp ?? time.GetUtcNow()), ct);

    [WolverinePut("/api/v1/orders/submit/{id}", OperationId = "SubmitOrder")]
    [EndpointSummary("Submit a paid order")]
    [EndpointDescription("Hands a paid order over for delivery. Takes no body.")]
    [Tags("Orders"), CommandAnswers(hasBody: false)]
    public static Task<IResult> SubmitOrder(string id, HttpRequest request, OrderCommandRunner runner, CancellationToken ct) =>
        runner.AnswerAsync(request, new OrderCommand.SubmitOrder(OrderId(id)), ct);

    public sealed record ChangeDeliveryAddressBody(string? DeliveryAddress);

    [WolverinePut("/api/v1/orders/address/{id}", OperationId = "ChangeDeliveryAddress")]
    [EndpointSummary("Change the delivery address")]
    [EndpointDescription("Changes where an order that is not yet completed or canceled is delivered. The same address again changes nothing.")]
    [Tags("Orders"), CommandAnswers, ApiRequestExample(ApiExamples.ChangeDeliveryAddress)]
    public static Task<IResult> ChangeDeliveryAddress(
        string id, ChangeDeliveryAddressBody? body, HttpRequest request, OrderCommandRunner runner, CancellationToken ct) =>
        runner.AnswerAsync(request, new OrderCommand.ChangeDeliveryAddress(OrderId(id), body?.DeliveryAddress ?? ""), ct);

    public sealed record CancelOrderBody(string? CancelReason);

    [WolverinePost("/api/v1/orders/cancel/{id}", OperationId = "CancelOrder")]
    [EndpointSummary("Cancel an order")]
    [EndpointDescription("Cancels an order that is not completed, with a reason. Cancelling again changes nothing and keeps the first reason.")]
    [Tags("Orders"), CommandAnswers, ApiRequestExample(ApiExamples.CancelOrder)]
    public static Task<IResult> CancelOrder(
        string id, CancelOrderBody? body, HttpRequest request, OrderCommandRunner runner, CancellationToken ct) =>
        runner.AnswerAsync(request, new OrderCommand.CancelOrder(OrderId(id), body?.CancelReason ?? ""), ct);

    public sealed record CompleteOrderBody(DateTimeOffset? DeliveryTimestamp);

    [WolverinePost("/api/v1/orders/complete/{id}", OperationId = "CompleteOrder")]
    [EndpointSummary("Complete a delivered order")]
    [EndpointDescription("Marks a submitted order as delivered. deliveryTimestamp defaults to now, and the body may be left out.")]
    [Tags("Orders"), CommandAnswers, ApiRequestExample(ApiExamples.CompleteOrder)]
    public static Task<IResult> CompleteOrder(
        string id, CompleteOrderBody? body, HttpRequest request, OrderCommandRunner runner, TimeProvider time, CancellationToken ct) =>
        runner.AnswerAsync(request, new OrderCommand.CompleteOrder(OrderId(id), body?.DeliveryTimestamp ?? time.GetUtcNow()), ct);

    /// <summary>The route's order id, which <see cref="Before"/> has already checked.</summary>
    static Guid OrderId(string id) => Guid.ParseExact(id, "D");

    static ValueList<ShopItem> ShopItems(ShopItemBody[]? items) =>
        (items ?? []).Select(i => i is null
                ? new ShopItem("", "", "", 0, 0)
                : new ShopItem(i.Id ?? "", i.Title ?? "", i.Description ?? "", i.Quantity, i.Price))
            .ToValueList();

    /// <summary>
    /// Runs the command with the request's If-Match (checked by <see cref="Before"/>) and answers 200, or 201 with
    /// Location for a new order, with the order id and version and the version as ETag.
    /// </summary>
    static async Task<IResult> AnswerAsync(
        this OrderCommandRunner runner, HttpRequest request, OrderCommand command, CancellationToken ct)
    {
        ETag.TryReadIfMatch(request, out var expected);
        var outcome = await runner.RunAsync(command, expected, ct);
        return ProblemResults.From(outcome, accepted =>
        {
            var body = new OrderCommandResponse(accepted.OrderId, accepted.Version);
            return ETag.Attach(
                OrderDecider.StartsStream(command)
                    ? TypedResults.Created($"/api/v1/orders/{accepted.OrderId}", body)
                    : TypedResults.Ok(body),
                accepted.Version);
        });
    }
}

/// <summary>What a command endpoint answers: the order and the stream version it is now at.</summary>
public sealed record OrderCommandResponse(Guid OrderId, long Version);
