using Orders.Decider;
using Orders.Projections.Documents;

namespace Orders.Host.Http;

/// <summary>
/// One answer an operation can give, as the OpenAPI document states it: a success with its body type, or a problem
/// with the codes it may carry. <paramref name="Headers"/> are response headers (<see cref="ApiHeaders"/>).
/// </summary>
public sealed record ApiAnswer(
    int Status, string Description, Type? Body = null, IReadOnlyList<string>? Codes = null, IReadOnlyList<string>? Headers = null)
{
    public bool IsProblem => Codes is not null;

    public static ApiAnswer Problem(int status, string description, params string[] codes) => new(status, description, Codes: codes);
}

/// <summary>Response and request headers the document names, with what they mean.</summary>
public static class ApiHeaders
{
    public const string ETag = "ETag";
    public const string Location = "Location";
    public const string RetryAfter = "Retry-After";
    public const string IfMatch = "If-Match";
}

/// <summary>
/// The answers of an endpoint, read by the OpenAPI document (<see cref="ApiDocument"/>) and checked against what the
/// endpoint really answers by the specs. An endpoint declares them with one attribute of this kind.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public abstract class ApiAnswersAttribute : Attribute
{
    public abstract IReadOnlyList<ApiAnswer> Answers { get; }

    /// <summary>Request headers the operation reads.</summary>
    public virtual IReadOnlyList<string> RequestHeaders => [];
}

/// <summary>
/// What every command route answers. <paramref name="createsOrder"/>: 201 with Location, and no order id in the path;
/// <paramref name="hasBody"/>: the route reads a JSON body, so it can be malformed or invalid.
/// </summary>
public sealed class CommandAnswersAttribute(bool createsOrder = false, bool hasBody = true) : ApiAnswersAttribute
{
    static readonly string[] Rejections =
        [.. OrderError.All.Where(e => e != OrderError.NotFound).Select(e => e.Code), ErrorCodes.ConcurrencyConflict];

    public override IReadOnlyList<string> RequestHeaders => [ApiHeaders.IfMatch];

    public override IReadOnlyList<ApiAnswer> Answers =>
    [
        createsOrder
            ? new(StatusCodes.Status201Created, "The order is created; Location is its address and ETag its version.",
                typeof(OrderCommandResponse), Headers: [ApiHeaders.Location, ApiHeaders.ETag])
            : new(StatusCodes.Status200OK,
                "The command is applied, or it was already satisfied and nothing changed; ETag is the order's version.",
                typeof(OrderCommandResponse), Headers: [ApiHeaders.ETag]),
        ApiAnswer.Problem(StatusCodes.Status400BadRequest,
            "The request is not one this route takes: invalid fields (each named in errors), a body that is not JSON of this shape, a malformed order id or If-Match.",
            [
                .. hasBody ? [ErrorCodes.ValidationFailed, ErrorCodes.MalformedRequest] : Array.Empty<string>(),
                .. createsOrder ? [] : new[] { ErrorCodes.InvalidOrderId },
                ErrorCodes.InvalidIfMatch,
            ]),
        .. createsOrder
            ? Array.Empty<ApiAnswer>()
            : [
                ApiAnswer.Problem(StatusCodes.Status404NotFound, "There is no order with this id.", OrderError.NotFound.Code),
                ApiAnswer.Problem(StatusCodes.Status409Conflict,
                    "The order's state refuses the command, or other writers kept changing it through three attempts.", Rejections),
            ],
        new(StatusCodes.Status412PreconditionFailed,
            "If-Match names another version than the order's; ETag is the current version (absent when there is no order).",
            Codes: [ErrorCodes.VersionMismatch], Headers: [ApiHeaders.ETag]),
        ApiAnswer.Problem(StatusCodes.Status413PayloadTooLarge, "The body is larger than 1 MiB.", ErrorCodes.PayloadTooLarge),
        ApiAnswer.Problem(StatusCodes.Status415UnsupportedMediaType, "The body is not application/json.", ErrorCodes.UnsupportedMediaType),
        new(StatusCodes.Status503ServiceUnavailable,
            "The event store could not be reached in time (a failover took longer than the retry budget), or it refuses the service's credentials; the command was not confirmed. Retry-After says when to try again.",
            Codes: [ErrorCodes.EventStoreUnavailable], Headers: [ApiHeaders.RetryAfter]),
    ];
}

/// <summary>What <c>GET /api/v1/orders/{id}</c> answers.</summary>
public sealed class OrderAnswersAttribute : ApiAnswersAttribute
{
    public override IReadOnlyList<ApiAnswer> Answers =>
    [
        new(StatusCodes.Status200OK, "The order as the read model holds it; ETag is the version it reflects.",
            typeof(OrderDocument), Headers: [ApiHeaders.ETag]),
        ApiAnswer.Problem(StatusCodes.Status400BadRequest, "The id is not an order id, or minVersion is not a version.",
            ErrorCodes.InvalidOrderId, ErrorCodes.ValidationFailed),
        ApiAnswer.Problem(StatusCodes.Status404NotFound, "There is no order with this id in the read model.", OrderError.NotFound.Code),
        ApiAnswer.Problem(StatusCodes.Status503ServiceUnavailable,
            "The read model did not reach minVersion within 5 seconds; try again.", ErrorCodes.ReadModelBehind),
    ];
}

/// <summary>What <c>GET /api/v1/orders/search</c> answers.</summary>
public sealed class SearchAnswersAttribute : ApiAnswersAttribute
{
    public override IReadOnlyList<ApiAnswer> Answers =>
    [
        new(StatusCodes.Status200OK, "One page of matching orders, newest first, and where it lies among all matches.", typeof(SearchResponse)),
        ApiAnswer.Problem(StatusCodes.Status400BadRequest, "page or size is out of range (each named in errors).", ErrorCodes.ValidationFailed),
    ];
}

/// <summary>What an admin route answers: <paramref name="success"/>, or 401 without the key, or 404 for an unknown projection.</summary>
public sealed class AdminAnswersAttribute(ApiAnswer success, bool namesProjection) : ApiAnswersAttribute
{
    public override IReadOnlyList<string> RequestHeaders => [AdminEndpoints.KeyHeader];

    public override IReadOnlyList<ApiAnswer> Answers =>
    [
        success,
        ApiAnswer.Problem(StatusCodes.Status401Unauthorized, $"{AdminEndpoints.KeyHeader} is missing or is not the configured key.",
            ErrorCodes.AdminKeyRequired),
        .. namesProjection
            ?
            [
                ApiAnswer.Problem(StatusCodes.Status404NotFound, "There is no projection of this name.", ErrorCodes.ProjectionNotFound),
                ApiAnswer.Problem(StatusCodes.Status409Conflict,
                    "Instances share the read models and another instance applies this projection now; ask that one.",
                    ErrorCodes.ProjectionAppliedElsewhere),
            ]
            : Array.Empty<ApiAnswer>(),
    ];

    public static AdminAnswersAttribute Returning<T>(string description, bool namesProjection = false) =>
        new(new ApiAnswer(StatusCodes.Status200OK, description, typeof(T)), namesProjection);

    public static AdminAnswersAttribute Accepted(string description) =>
        new(new ApiAnswer(StatusCodes.Status202Accepted, description, Headers: [ApiHeaders.Location]), namesProjection: true);
}
