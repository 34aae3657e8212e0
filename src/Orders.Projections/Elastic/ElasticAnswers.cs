using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Transport.Products.Elasticsearch;

namespace Orders.Projections.Elastic;

/// <summary>Which answers of Elasticsearch count as done, and the failure for any other.</summary>
public static class ElasticAnswers
{
    /// <summary>
    /// The response when its status is a success or one that <paramref name="expected"/> accepts for this request;
    /// otherwise an <see cref="ElasticsearchRequestException"/> naming the request and the answer.
    /// </summary>
    public static TResponse Expect<TResponse>(this TResponse response, Func<ElasticsearchResponse, bool>? expected = null)
        where TResponse : ElasticsearchResponse
    {
        var details = response.ApiCallDetails;
        if (details.HttpStatusCode is >= 200 and < 300 || details.HttpStatusCode is not null && expected?.Invoke(response) == true)
            return response;
        var error = response.ElasticsearchServerError?.Error;
        throw new ElasticsearchRequestException(
            $"{details.HttpMethod} {details.Uri?.PathAndQuery}", details.HttpStatusCode,
            error is null ? null : $"{error.Type}: {error.Reason}", details.OriginalException);
    }

    /// <summary>Fails with the items of a bulk answer that failed for a reason <paramref name="harmless"/> does not accept.</summary>
    public static void ThrowOnItemErrors(this BulkResponse response, Func<ResponseItem, bool> harmless)
    {
        var failures = FailedItems(response, harmless);
        if (failures.Count > 0)
            throw new ElasticsearchBulkException(failures);
    }

    public static IReadOnlyList<string> FailedItems(BulkResponse response, Func<ResponseItem, bool> harmless) =>
        !response.Errors
            ? []
            : response.Items
                .Where(item => item.Status >= 300 && !harmless(item))
                .Select(item => $"{item.Operation} {item.Index}/{item.Id} answered {item.Status}: {item.Error?.Type}: {item.Error?.Reason}")
                .ToList();

    /// <summary>The index is there already, from an earlier start or another instance.</summary>
    public static bool IndexAlreadyExists(ElasticsearchResponse response) =>
        response.ApiCallDetails.HttpStatusCode == 400 && response.ElasticsearchServerError?.Error?.Type == "resource_already_exists_exception";

    public static bool NotFound(ElasticsearchResponse response) => response.ApiCallDetails.HttpStatusCode == 404;

    /// <summary>Another writer changed the document between the read and the write of an update (a version conflict).</summary>
    public static bool Conflict(ElasticsearchResponse response) => response.ApiCallDetails.HttpStatusCode == 409;

    /// <summary>The index holds this version of the document or a newer one: the write is already done.</summary>
    public static bool VersionConflict(ResponseItem item) =>
        item.Status == 409 && item.Error?.Type == "version_conflict_engine_exception";

    /// <summary>A delete of what is not there: the release is already done.</summary>
    public static bool NotFound(ResponseItem item) => item.Status == 404;
}
