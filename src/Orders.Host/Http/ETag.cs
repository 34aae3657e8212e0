using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Orders.Host.Http;

/// <summary>Stream versions as entity tags: <c>"3"</c>. A weak tag (<c>W/"3"</c>) is read the same way.</summary>
public static class ETag
{
    public static string Format(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// Reads If-Match: <paramref name="version"/> is null when the request has none. False when it names no single
    /// version (<c>*</c> and lists are not versions this service hands out).
    /// </summary>
    public static bool TryReadIfMatch(HttpRequest request, out long? version)
    {
        version = null;
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
            return true;
        if (!EntityTagHeaderValue.TryParse(header.Trim(), out var tag)
            || tag.Tag.Length < 3
            || !long.TryParse(tag.Tag.AsSpan(1, tag.Tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            return false;
        version = parsed;
        return true;
    }

    /// <summary><paramref name="result"/>, answered with <c>ETag: "&lt;version&gt;"</c>.</summary>
    public static IResult Attach(IResult result, long version) => new Tagged(result, Format(version));

    sealed class Tagged(IResult inner, string etag) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ETag = etag;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
