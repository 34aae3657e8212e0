using Microsoft.AspNetCore.Mvc;
using Orders.Decider;
using Orders.Host.Commands;

namespace Orders.Host.Http;

/// <summary>
/// The one place where outcomes become HTTP answers: RFC 9457 problem details carrying a stable <c>code</c>
/// (<see cref="ErrorCodes"/>).
/// </summary>
public static class ProblemResults
{
    public static IResult From(CommandOutcome outcome, Func<CommandOutcome.Accepted, IResult> accepted) =>
        outcome switch
        {
            CommandOutcome.Accepted a => accepted(a),
            CommandOutcome.Invalid invalid => Validation(invalid.Errors
                .GroupBy(e => e.Field)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())),
            CommandOutcome.Rejected { Error: var error } when error == OrderError.NotFound =>
                Problem(StatusCodes.Status404NotFound, error.Code, error.Message),
            CommandOutcome.Rejected { Error: var error } =>
                Problem(StatusCodes.Status409Conflict, error.Code, error.Message),
            CommandOutcome.VersionMismatch m => Problem(
                StatusCodes.Status412PreconditionFailed, ErrorCodes.VersionMismatch,
                $"The order is at version {m.ActualVersion}, not the one in If-Match.") is var mismatch
                && m.ActualVersion >= 0 ? ETag.Attach(mismatch, m.ActualVersion) : mismatch,
            CommandOutcome.Conflict => Problem(
                StatusCodes.Status409Conflict, ErrorCodes.ConcurrencyConflict,
                "The order kept changing while the command was decided; try again."),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.GetType().Name, "Unknown outcome."),
        };

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
            Extensions = { ["code"] = ErrorCodes.ValidationFailed },
        });

    public static ProblemDetails MalformedOrderId(string id) =>
        Details(StatusCodes.Status400BadRequest, ErrorCodes.InvalidOrderId, $"'{id}' is not an order id (a hyphenated UUID).");

    public static ProblemDetails InvalidIfMatch() =>
        Details(StatusCodes.Status400BadRequest, ErrorCodes.InvalidIfMatch, "If-Match must name one version, as in \"3\".");

    public static IResult Problem(int status, string code, string detail) => TypedResults.Problem(Details(status, code, detail));

    public static ProblemDetails Details(int status, string code, string detail) =>
        new()
        {
            Status = status,
            Title = code.Replace('_', ' '),
            Detail = detail,
            Extensions = { ["code"] = code },
        };
}
