namespace Orders.Projections.Elastic;

/// <summary>Elasticsearch answered a request with an unexpected status, or could not be reached (no status).</summary>
public sealed class ElasticsearchRequestException(ElasticRequest request, int? status, string? answer, Exception? inner)
    : Exception($"{request.Method} {request.Path} answered {status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}: {answer}", inner);

/// <summary>Items of a bulk request failed for a reason other than holding a newer version already.</summary>
public sealed class ElasticsearchBulkException(IReadOnlyList<string> failures)
    : Exception($"{failures.Count} bulk items failed; the first: {failures[0]}");
