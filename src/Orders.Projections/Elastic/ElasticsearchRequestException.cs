using System.Globalization;

namespace Orders.Projections.Elastic;

/// <summary>Elasticsearch answered a request with an unexpected status, or could not be reached (no status).</summary>
public sealed class ElasticsearchRequestException(string request, int? status, string? answer, Exception? inner)
    : Exception($"{request} answered {status?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}: {answer}", inner);
