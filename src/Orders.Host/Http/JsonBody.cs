using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Orders.Host.Http;

/// <summary>
/// Reads a command's JSON body, answering a problem with the service's own <c>code</c> when it is not the expected
/// JSON, rather than leaving the answer (and an error-level log line) to the framework.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, options, ct);
            return body is null ? (null, Malformed("The body must be a JSON object.")) : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, Malformed(ex.Message));
        }
    }

    static IResult Malformed(string detail) =>
        ProblemResults.Problem(StatusCodes.Status400BadRequest, HttpErrors.MalformedRequest, detail);
}
