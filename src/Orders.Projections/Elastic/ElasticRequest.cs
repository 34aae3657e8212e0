using Elastic.Transport;
using HttpMethod = Elastic.Transport.HttpMethod;

namespace Orders.Projections.Elastic;

/// <summary>One HTTP request to Elasticsearch, exactly as sent: method, path with query string, and body.</summary>
/// <param name="Body">A JSON document, or for <c>_bulk</c> newline-delimited JSON (<see cref="IsBulk"/>).</param>
public sealed record ElasticRequest(HttpMethod Method, string Path, string? Body = null)
{
    public bool IsBulk => Path.StartsWith("/_bulk", StringComparison.Ordinal);
}
