namespace Orders.Host.Http;

/// <summary>
/// What a request body must be before an endpoint binds it: JSON, and at most 1 MiB. An absent body reads as an
/// empty JSON object, so that a route whose body may be left out (complete) binds, and a route that needs fields
/// answers which ones are missing.
/// </summary>
public sealed class RequestBodies(RequestDelegate next)
{
    public const long MaxBytes = 1024 * 1024;

    static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            await next(context);
            return;
        }

        if (!HasBody(request))
        {
            request.Body = new MemoryStream(EmptyObject, writable: false);
            request.ContentLength = EmptyObject.Length;
            request.ContentType = "application/json";
        }
        else if (request.ContentLength > MaxBytes)
        {
            await TooLarge().ExecuteAsync(context);
            return;
        }
        else if (!IsJson(request.ContentType))
        {
            await ProblemResults.Problem(
                StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                $"The body must be application/json, not '{request.ContentType}'.").ExecuteAsync(context);
            return;
        }
        else if (request.ContentLength is null && !await BufferWithinLimitAsync(context))
        {
            await TooLarge().ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    public static IResult TooLarge() =>
        ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, "The body is larger than 1 MiB.");

    /// <summary>
    /// A body of unknown length (chunked) is read here, up to the limit, so that one over it is answered 413 before
    /// the JSON reader meets the server's limit and reports it as malformed.
    /// </summary>
    static async Task<bool> BufferWithinLimitAsync(HttpContext context)
    {
        context.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxBytes);
        try
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException)
        {
            return false;
        }

        context.Request.Body.Position = 0;
        return true;
    }

    static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    static bool IsJson(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
