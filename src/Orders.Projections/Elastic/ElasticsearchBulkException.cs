namespace Orders.Projections.Elastic;

/// <summary>Items of a bulk request failed for a reason other than holding a newer version already.</summary>
public sealed class ElasticsearchBulkException(IReadOnlyList<string> failures)
    : Exception($"{failures.Count} bulk items failed; the first: {failures[0]}");
