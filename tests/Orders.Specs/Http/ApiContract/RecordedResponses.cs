using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Orders.Specs.Http.ApiContract;

/// <summary>A response the host gave to a request of the specs, kept to be checked against the OpenAPI document.</summary>
public sealed record RecordedResponse(
    string Method, string Path, int Status, string? ContentType, string Body, IReadOnlySet<string> Headers)
{
    public override string ToString() => $"{Method} {Path} → {Status} {ContentType} {Body[..Math.Min(Body.Length, 300)]}";
}

/// <summary>
/// Outermost middleware of the specs' host: records every answer to <c>/api</c> and <c>/admin</c> as the client got it,
/// after the exception handler and the status-code pages have had their say; endpoints excluded from the API
/// description are not recorded.
/// </summary>
public sealed class RecordedResponses : IStartupFilter
{
    readonly ConcurrentQueue<RecordedResponse> _responses = new();

    public IReadOnlyList<RecordedResponse> All => [.. _responses];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(RecordAsync);
        next(app);
    };

    async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api") && !path.StartsWithSegments("/admin"))
        {
            await next(context);
            return;
        }

        var client = context.Response.Body;
        using var body = new MemoryStream();
        context.Response.Body = body;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = client;
            body.Position = 0;
            await body.CopyToAsync(client);
        }

        // Pages under /admin that are not part of the API (the operator's page) say so on their endpoint.
        if (context.GetEndpoint()?.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            return;
        var response = context.Response;
        _responses.Enqueue(new RecordedResponse(
            context.Request.Method, path.Value!, response.StatusCode, response.ContentType,
            System.Text.Encoding.UTF8.GetString(body.ToArray()),
            response.Headers.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase)));
    }
}
