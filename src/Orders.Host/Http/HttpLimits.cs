namespace Orders.Host.Http;

/// <summary>
/// What a request body must be before any endpoint reads it: JSON, and at most 1 MiB. Kestrel enforces the size on
/// bodies of unknown length; this checks the declared one up front, so every host (the test server too) answers 413.
/// </summary>
public sealed class JsonContentTypeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || !HasBody(request))
            return next(context);
        if (request.ContentLength > HttpLimits.MaxBodyBytes)
            return HttpLimits.TooLarge().ExecuteAsync(context);
        if (!IsJson(request.ContentType))
            return ProblemResults.Problem(
                StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                $"The body must be application/json, not '{request.ContentType}'.").ExecuteAsync(context);
        return next(context);
    }

    static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    static bool IsJson(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}

public static class HttpLimits
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static IResult TooLarge() =>
        ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, "payload_too_large", "The body is larger than 1 MiB.");
}
