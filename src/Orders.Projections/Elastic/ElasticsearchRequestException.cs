using System.Globalization;

namespace Orders.Projections.Elastic;

/// <summary>Elasticsearch answered a request with an unexpected status, or could not be reached (no status).</summary>
public sealed class ElasticsearchRequestException(ElasticRequest request, int? status, string? answer, Exception? inner)
    : Exception($"{request.Method} {request.Path} answered {status?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}: {answer}", inner);
