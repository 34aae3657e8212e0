using System.Globalization;
using Orders.Decider;
using Orders.Projections.Documents;
using Orders.Projections.Runner;
using Orders.Projections.Search;
using Wolverine.Http;

namespace Orders.Host.Http;

/// <summary>The original service's two queries. They read only the read models, never the event log.</summary>
public static class OrderQueryEndpoints
{
    /// <summary>How long a query that asks for a version (read-your-writes) waits for the projections.</summary>
    public static readonly TimeSpan ReadYourWritesTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The order document. With <c>minVersion</c> (the version a command answered), waits until the document
    /// reflects at least that version, and answers 503 <c>read_model_behind</c> if it does not in time.
    /// </summary>
    [WolverineGet("/api/v1/orders/{id}", OperationId = "GetOrderByID")]
    [EndpointSummary("Get an order")]
    [EndpointDescription("The order as the read model holds it. With minVersion (a version a command answered), waits up to 5 seconds for the read model to reach it.")]
    [Tags("Queries"), OrderAnswers]
    public static async Task<IResult> GetOrder(
        string id, string? minVersion, IOrderQueries orders, ProjectionRunner projections, CancellationToken ct)
    {
        if (!OrderStream.TryParseId(id, out var orderId))
            return TypedResults.Problem(ProblemResults.MalformedOrderId(id));
        if (minVersion is not null)
        {
            if (!long.TryParse(minVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                return ProblemResults.Validation(new Dictionary<string, string[]> { ["minVersion"] = ["Must be a version: 0 or more."] });
            if (!await projections.WaitForVersionAsync(orderId, version, ReadYourWritesTimeout, ct))
                return ProblemResults.Problem(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ReadModelBehind,
                    $"The read model has not reached version {version} of the order yet; try again.");
        }

        var document = await orders.GetAsync(orderId, ct);
        if (document is null)
            return ProblemResults.Problem(StatusCodes.Status404NotFound, OrderError.NotFound.Code, OrderError.NotFound.Message);
        return ETag.Attach(TypedResults.Ok(document), document.Version);
    }

    /// <summary>
    /// Phrase-prefix search on item titles and descriptions, newest first; every order when <c>search</c> is empty.
    /// Each hit is the order document, as <c>GET /api/v1/orders/{id}</c> answers it.
    /// </summary>
    [WolverineGet("/api/v1/orders/search", OperationId = "Search")]
    [EndpointSummary("Search orders")]
    [EndpointDescription("Phrase-prefix search on item titles and descriptions (\"woolly jum\" finds \"Woolly jumper\"), case-insensitive, newest first. An empty search lists every order. page is 1 or more (default 1), size 1 to 100 (default 10).")]
    [Tags("Queries"), SearchAnswers]
    public static async Task<IResult> Search(string? search, string? page, string? size, ISearchQueries index, CancellationToken ct)
    {
        var (paging, errors) = SearchPage.Of(Number(page), Number(size));
        if (paging is null)
            return ProblemResults.Validation(errors.ToDictionary(e => e.Field, e => new[] { e.Message }));

        var found = await index.SearchAsync(search, paging, ct);
        return TypedResults.Ok(new SearchResponse(
            new Pagination(found.TotalCount, paging.TotalPages(found.TotalCount), paging.Number, paging.Size, paging.HasMore(found.TotalCount)),
            found.Orders));
    }

    /// <summary>Null when the parameter is absent; text that is no whole number reads as 0, which no page or size may be.</summary>
    static long? Number(string? text) =>
        string.IsNullOrEmpty(text) ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : 0;
}

public sealed record Pagination(long TotalCount, long TotalPages, int Page, int Size, bool HasMore);

public sealed record SearchResponse(Pagination Pagination, IReadOnlyList<OrderDocument> Orders);
