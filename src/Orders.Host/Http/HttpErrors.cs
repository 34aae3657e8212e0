using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Orders.Host.Http;

/// <summary>
/// Exceptions that reach the edge from a client's mistake (a body that is not JSON, too large, cut short) become
/// problem details with their proper status; anything else is a 500 without a stack trace.
/// </summary>
public static class HttpErrors
{
    public static void Handle(IApplicationBuilder app) => app.Run(async context =>
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var result = Classify(error) switch
        {
            (StatusCodes.Status413PayloadTooLarge, _) => HttpLimits.TooLarge(),
            (var status and < 500, var detail) => ProblemResults.Problem(status, MalformedRequest, detail),
            _ => ProblemResults.Problem(StatusCodes.Status500InternalServerError, "internal_error",
                "The service failed to handle the request; it has been logged."),
        };
        await result.ExecuteAsync(context);
    });

    public const string MalformedRequest = "malformed_request";

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
