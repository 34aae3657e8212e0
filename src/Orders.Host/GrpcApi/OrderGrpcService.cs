using Grpc.Core;
using LanguageExt;
using Orders.Decider;
using Orders.EventStore;
using Orders.Host.Commands;
using Orders.Host.GrpcApi.Contract;
using Orders.Projections.Documents;
using Orders.Projections.Search;

namespace Orders.Host.GrpcApi;

/// <summary>
/// The original service's gRPC API. Each method only turns a request into the command the HTTP edge builds (ids and
/// time enter here) and answers with what <see cref="OrderCommandRunner"/> decided; the queries read the read side.
/// </summary>
public sealed class OrderGrpcService(
    OrderCommandRunner runner, TimeProvider time, IOrderQueries orders, ISearchQueries search)
    : orderService.orderServiceBase
{
    public override async Task<CreateOrderRes> CreateOrder(CreateOrderReq request, ServerCallContext context)
    {
        var (items, errors) = GrpcMessages.ToShopItems(request.ShopItems);
        var accepted = await RunAsync(
            new OrderCommand.CreateOrder(Guid.CreateVersion7(), items, request.AccountEmail, request.DeliveryAddress),
            errors, context);
        return new CreateOrderRes { AggregateID = accepted.OrderId.ToString() };
    }

    public override async Task<PayOrderRes> PayOrder(PayOrderReq request, ServerCallContext context)
    {
        var orderId = ParseId(request.AggregateID);
        var (paidAt, errors) = GrpcMessages.ToTime(request.Payment?.Timestamp, "payment.timestamp", time.GetUtcNow());
        await RunAsync(new OrderCommand.PayOrder(orderId, request.Payment?.ID ?? "", paidAt), errors, context);
        return new PayOrderRes { AggregateID = request.AggregateID };
    }

    public override async Task<SubmitOrderRes> SubmitOrder(SubmitOrderReq request, ServerCallContext context)
    {
        await RunAsync(new OrderCommand.SubmitOrder(ParseId(request.AggregateID)), context);
        return new SubmitOrderRes { AggregateID = request.AggregateID };
    }

    public override async Task<UpdateShoppingCartRes> UpdateShoppingCart(UpdateShoppingCartReq request, ServerCallContext context)
    {
        var orderId = ParseId(request.AggregateID);
        var (items, errors) = GrpcMessages.ToShopItems(request.ShopItems);
        await RunAsync(new OrderCommand.UpdateShoppingCart(orderId, items), errors, context);
        return new UpdateShoppingCartRes();
    }

    public override async Task<CancelOrderRes> CancelOrder(CancelOrderReq request, ServerCallContext context)
    {
        await RunAsync(new OrderCommand.CancelOrder(ParseId(request.AggregateID), request.CancelReason), context);
        return new CancelOrderRes();
    }

    public override async Task<CompleteOrderRes> CompleteOrder(CompleteOrderReq request, ServerCallContext context)
    {
        var orderId = ParseId(request.AggregateID);
        var (deliveredAt, errors) = GrpcMessages.ToTime(request.DeliveryTimestamp, "deliveryTimestamp", time.GetUtcNow());
        await RunAsync(new OrderCommand.CompleteOrder(orderId, deliveredAt), errors, context);
        return new CompleteOrderRes();
    }

    public override async Task<ChangeDeliveryAddressRes> ChangeDeliveryAddress(ChangeDeliveryAddressReq request, ServerCallContext context)
    {
        await RunAsync(
            new OrderCommand.ChangeDeliveryAddress(ParseId(request.AggregateID), request.DeliveryAddress), context);
        return new ChangeDeliveryAddressRes();
    }

    public override async Task<GetOrderByIDRes> GetOrderByID(GetOrderByIDReq request, ServerCallContext context)
    {
        var document = await orders.GetAsync(ParseId(request.AggregateID), context.CancellationToken)
            ?? throw GrpcStatuses.OrderNotFound();
        return new GetOrderByIDRes { Order = GrpcMessages.ToOrder(document) };
    }

    public override async Task<SearchRes> Search(SearchReq request, ServerCallContext context)
    {
        // proto3 cannot tell a zero from a field left out, so zero asks for the default.
        var (paging, errors) = SearchPage.Of(request.Page == 0 ? null : request.Page, request.Size == 0 ? null : request.Size);
        if (paging is null)
            throw GrpcStatuses.Invalid(errors.ToSeq());
        var result = await search.SearchAsync(request.SearchText, paging, context.CancellationToken);
        var response = new SearchRes
        {
            Pagination = new Pagination
            {
                TotalCount = result.TotalCount,
                TotalPages = paging.TotalPages(result.TotalCount),
                Page = paging.Number,
                Size = paging.Size,
                HasMore = paging.HasMore(result.TotalCount),
            },
        };
        response.Orders.AddRange(result.Orders.Select(GrpcMessages.ToOrder));
        return response;
    }

    Task<CommandOutcome.Accepted> RunAsync(OrderCommand command, ServerCallContext context) =>
        RunAsync(command, Seq<FieldError>.Empty, context);

    /// <summary>
    /// Runs the command unless the request already failed to map onto it; gRPC carries no If-Match, so a conflict is
    /// re-decided by the runner. An event store out of reach answers Unavailable, which clients retry.
    /// </summary>
    async Task<CommandOutcome.Accepted> RunAsync(OrderCommand command, Seq<FieldError> mappingErrors, ServerCallContext context)
    {
        CommandOutcome outcome;
        try
        {
            outcome = mappingErrors.IsEmpty
                ? await runner.RunAsync(command, expectedVersion: null, context.CancellationToken)
                : new CommandOutcome.Invalid(mappingErrors);
        }
        catch (EventStoreUnavailableException error)
        {
            throw GrpcStatuses.EventStoreUnavailable(error);
        }
        return outcome as CommandOutcome.Accepted ?? throw GrpcStatuses.Failure(outcome);
    }

    static Guid ParseId(string id) =>
        OrderStream.TryParseId(id, out var orderId) ? orderId : throw GrpcStatuses.MalformedOrderId(id);
}
