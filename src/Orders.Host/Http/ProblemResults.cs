using Microsoft.AspNetCore.Mvc;
using Orders.Decider;
using Orders.Host.Commands;

namespace Orders.Host.Http;

/// <summary>
/// The one place where outcomes become HTTP answers: RFC 9457 problem details carrying a stable <c>code</c>.
/// </summary>
public static class ProblemResults
{
    public const string ValidationFailed = "validation_failed";
    public const string MalformedId = "invalid_order_id";
    public const string VersionMismatch = "version_mismatch";
    public const string ConcurrencyConflict = "concurrency_conflict";

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
                StatusCodes.Status412PreconditionFailed, VersionMismatch,
                $"The order is at version {m.ActualVersion}, not the one in If-Match.") is var mismatch
                && m.ActualVersion >= 0 ? ETag.Attach(mismatch, m.ActualVersion) : mismatch,
            CommandOutcome.Conflict => Problem(
                StatusCodes.Status409Conflict, ConcurrencyConflict,
                "The order kept changing while the command was decided; try again."),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.GetType().Name, "Unknown outcome."),
        };

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
            Extensions = { ["code"] = ValidationFailed },
        });

    public static IResult MalformedOrderId(string id) =>
        Problem(StatusCodes.Status400BadRequest, MalformedId, $"'{id}' is not an order id (a hyphenated UUID).");

    public static IResult InvalidIfMatch() =>
        Problem(StatusCodes.Status400BadRequest, "invalid_if_match", "If-Match must name one version, as in \"3\".");

    public static IResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = code.Replace('_', ' '),
            Detail = detail,
            Extensions = { ["code"] = code },
        });
}
