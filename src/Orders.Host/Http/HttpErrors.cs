using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Orders.EventStore;

namespace Orders.Host.Http;

/// <summary>
/// Exceptions that reach the edge from a client's mistake (a body that is not JSON, too large, cut short) become
/// problem details with their proper status, an event store that cannot be reached (or refuses the service's
/// credentials) a 503 with Retry-After; anything else is a 500 without a stack trace. Every problem the host
/// answers, whoever wrote it (Wolverine's JSON reader, status-code pages), carries a <c>code</c>.
/// </summary>
public static class HttpErrors
{
    public static void Handle(IApplicationBuilder app) => app.Run(async context =>
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is EventStoreUnavailableException unavailable)
        {
            await EventStoreUnavailable(context, unavailable).ExecuteAsync(context);
            return;
        }
        var result = Classify(error) switch
        {
            (StatusCodes.Status413PayloadTooLarge, _) => RequestBodies.TooLarge(),
            (var status and < 500, var detail) => ProblemResults.Problem(status, ErrorCodes.MalformedRequest, detail),
            _ => ProblemResults.Problem(StatusCodes.Status500InternalServerError, ErrorCodes.InternalError,
                "The service failed to handle the request; it has been logged."),
        };
        await result.ExecuteAsync(context);
    });

    /// <summary>Says which of the two it is: an operator must fix refused credentials, a failover only needs a retry.</summary>
    static IResult EventStoreUnavailable(HttpContext context, EventStoreUnavailableException error)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(error.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ProblemResults.Problem(StatusCodes.Status503ServiceUnavailable, ErrorCodes.EventStoreUnavailable, error.CredentialsRefused
            ? "The event store refuses the service's credentials; the command was not recorded. An operator must correct them."
            : "The event store could not be reached in time; the command was not confirmed. Try again after Retry-After.");
    }

    /// <summary>Gives a problem written without a <c>code</c> the one its status means.</summary>
    public static void AddCode(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
            return;
        problem.Extensions["code"] = problem.Status switch
        {
            StatusCodes.Status400BadRequest => ErrorCodes.MalformedRequest,
            StatusCodes.Status404NotFound => ErrorCodes.RouteNotFound,
            StatusCodes.Status405MethodNotAllowed => ErrorCodes.MethodNotAllowed,
            StatusCodes.Status406NotAcceptable => ErrorCodes.NotAcceptable,
            StatusCodes.Status413PayloadTooLarge => ErrorCodes.PayloadTooLarge,
            StatusCodes.Status415UnsupportedMediaType => ErrorCodes.UnsupportedMediaType,
            _ => ErrorCodes.InternalError,
        };
    }

    static (int Status, string Detail) Classify(Exception? error) =>
        error switch
        {
            JsonException json => (StatusCodes.Status400BadRequest, $"The body is not valid JSON for this route: {json.Message}"),
            BadHttpRequestException { InnerException: JsonException json } =>
                (StatusCodes.Status400BadRequest, $"The body is not valid JSON for this route: {json.Message}"),
            BadHttpRequestException bad => (bad.StatusCode, bad.Message),
            _ => (StatusCodes.Status500InternalServerError, ""),
        };
}
