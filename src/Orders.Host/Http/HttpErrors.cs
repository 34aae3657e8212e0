using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Orders.Host.Http;

/// <summary>
/// Exceptions that reach the edge from a client's mistake (a body that is not JSON, too large, cut short) become
/// problem details with their proper status; anything else is a 500 without a stack trace. Every problem the host
/// answers, whoever wrote it (Wolverine's JSON reader, status-code pages), carries a <c>code</c>.
/// </summary>
public static class HttpErrors
{
    public static void Handle(IApplicationBuilder app) => app.Run(async context =>
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var result = Classify(error) switch
        {
            (StatusCodes.Status413PayloadTooLarge, _) => RequestBodies.TooLarge(),
            (var status and < 500, var detail) => ProblemResults.Problem(status, ErrorCodes.MalformedRequest, detail),
            _ => ProblemResults.Problem(StatusCodes.Status500InternalServerError, ErrorCodes.InternalError,
                "The service failed to handle the request; it has been logged."),
        };
        await result.ExecuteAsync(context);
    });

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
