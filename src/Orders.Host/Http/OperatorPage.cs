namespace Orders.Host.Http;

/// <summary>
/// The operator's page at <c>/admin/</c>: plain HTML, CSS and script embedded in the host, no build step and nothing
/// fetched from elsewhere. The page itself holds no secret; it asks for the admin key and sends it on its own calls
/// to the admin API, so it is served, like that API, only when a key is configured.
/// </summary>
static class OperatorPage
{
    static readonly (string Route, string Resource, string ContentType)[] Files =
    [
        ("/admin/", "index.html", "text/html; charset=utf-8"),
        ("/admin/operator.css", "operator.css", "text/css; charset=utf-8"),
        ("/admin/operator.js", "operator.js", "text/javascript; charset=utf-8"),
        ("/admin/favicon.svg", "favicon.svg", "image/svg+xml"),
    ];

    const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void MapOperatorPage(this WebApplication app)
    {
        foreach (var (route, resource, contentType) in Files)
        {
            var content = Read(resource);
            app.MapGet(route, (HttpContext context) =>
            {
                // Routing ignores a trailing slash, but the page's relative links need it to resolve under /admin/.
                if (route.EndsWith('/') && !context.Request.Path.Value!.EndsWith('/'))
                    return Results.Redirect(context.Request.PathBase + route, permanent: false);
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.CacheControl = "no-cache";
                headers["Referrer-Policy"] = "no-referrer";
                return Results.Bytes(content, contentType);
            }).ExcludeFromDescription();
        }
    }

    static byte[] Read(string resource)
    {
        using var stream = typeof(OperatorPage).Assembly.GetManifestResourceStream($"OperatorPage/{resource}")
            ?? throw new InvalidOperationException($"The operator page's {resource} is not embedded in the host.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
