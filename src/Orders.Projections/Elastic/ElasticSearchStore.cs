using System.Text.Json;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Orders.EventStore;
using Orders.Projections.Documents;
using Orders.Projections.Search;

namespace Orders.Projections.Elastic;

/// <summary>
/// The search projection's order documents in an Elasticsearch index (default <c>orders</c>); the checkpoint, the lease and parked events in a
/// small index beside it (<c>&lt;index&gt;-projection-state</c>). Both indices are created, with explicit mappings,
/// before the first request.
/// </summary>
/// <remarks>
/// A commit is a bulk of the documents with external versioning, then the parked and released events, then the
/// checkpoint. A crash part-way leaves the old checkpoint, so the runner delivers the batch again: Elasticsearch
/// refuses every document version it already holds (a 409 per item, which is taken as done), and parking or
/// releasing again is idempotent. The checkpoint never gets ahead of what is stored, so nothing is lost.
/// </remarks>
public sealed class ElasticSearchStore : ISearchIndex, IDisposable
{
    const int ParkedPageSize = 500;
    const string NdJson = "application/vnd.elasticsearch+x-ndjson;compatible-with=9";

    static readonly RequestConfiguration Bulk = new() { ContentType = NdJson, Accept = "application/vnd.elasticsearch+json;compatible-with=9" };

    readonly ITransport transport;
    readonly string index;
    readonly string stateIndex;
    readonly string projection = OrderDocumentProjection.Search.Name;
    readonly SemaphoreSlim creating = new(1, 1);
    bool created;

    public ElasticSearchStore(ElasticsearchClient client, string index)
    {
        transport = client.Transport;
        this.index = index;
        stateIndex = StateIndexOf(index);
    }

    public static string StateIndexOf(string index) => index + "-projection-state";

    /// <summary>Creates both indices unless they exist; every other member calls it first.</summary>
    public async Task CreateIndicesAsync(CancellationToken ct = default)
    {
        if (Volatile.Read(ref created))
            return;
        await creating.WaitAsync(ct);
        try
        {
            if (created)
                return;
            await SendAsync(SearchIndexRequests.CreateIndex(index), ct, IndexAlreadyExists);
            var state = await SendAsync(ProjectionStateRequests.CreateIndex(stateIndex), ct, IndexAlreadyExists);
            if (IndexAlreadyExists(400, state))
                await SendAsync(ProjectionStateRequests.AddLeaseMapping(stateIndex), ct);
            Volatile.Write(ref created, true);
        }
        finally
        {
            creating.Release();
        }
    }

    public async Task<LogPosition?> ReadCheckpointAsync(CancellationToken ct = default)
    {
        await CreateIndicesAsync(ct);
        var found = await SendAsync(ProjectionStateRequests.ReadCheckpoint(stateIndex, projection), ct, NotFound);
        return found["found"]?.GetValue<bool>() == true && found["_source"] is { } source
            ? new LogPosition(unchecked((ulong)(long)source["commitPosition"]!), unchecked((ulong)(long)source["preparePosition"]!))
            : null;
    }

    public async Task<IReadOnlyDictionary<Guid, OrderDocument>> LoadAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct = default)
    {
        await CreateIndicesAsync(ct);
        if (orderIds.Count == 0)
            return new Dictionary<Guid, OrderDocument>();
        var found = await SendAsync(SearchIndexRequests.GetDocuments(index, orderIds), ct);
        return found["docs"]!.AsArray()
            .Where(d => d!["found"]?.GetValue<bool>() == true)
            .Select(d => Document(d!["_source"]!))
            .ToDictionary(d => d.OrderId);
    }

    public async Task<long?> ReadVersionAsync(Guid orderId, CancellationToken ct = default)
    {
        await CreateIndicesAsync(ct);
        var found = await SendAsync(SearchIndexRequests.GetVersion(index, orderId), ct, NotFound);
        return found["found"]?.GetValue<bool>() == true ? (long)found["_version"]! : null;
    }

    public async Task CommitAsync(ProjectionCommit<OrderDocument> commit, CancellationToken ct = default)
    {
        await CreateIndicesAsync(ct);
        if (commit.Documents.Count > 0)
            ThrowOnItemErrors(await SendAsync(SearchIndexRequests.IndexDocuments(index, commit.Documents), ct), VersionConflict);
        if (commit.Parked.Count + commit.Released.Count > 0)
            ThrowOnItemErrors(await SendAsync(ProjectionStateRequests.ParkAndRelease(stateIndex, commit.Parked, commit.Released), ct), NotFound);
        if (commit.Checkpoint is { } checkpoint)
            await SendAsync(ProjectionStateRequests.WriteCheckpoint(stateIndex, projection, checkpoint), ct);
    }

    public async Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(CancellationToken ct = default)
    {
        await CreateIndicesAsync(ct);
        var parked = new List<ParkedEvent>();
        while (true)
        {
            var after = parked.Count > 0 ? parked[^1].Event.Position : (LogPosition?)null;
            var page = await SendAsync(ProjectionStateRequests.ListParked(stateIndex, projection, ParkedPageSize, after), ct);
            var hits = page["hits"]!["hits"]!.AsArray();
            parked.AddRange(hits.Select(h => ProjectionStateRequests.ParkedFrom(h!["_source"]!)));
            if (hits.Count < ParkedPageSize)
                return parked;
        }
    }

    /// <summary>
    /// Forgets the checkpoint and parked events first (an interrupted reset then restarts from the log's start),
    /// then drops and recreates the index: deleting documents one by one would leave their versions behind as
    /// tombstones for a while, and external versioning would refuse the rebuilt documents.
    /// </summary>
    public async Task ResetAsync(CancellationToken ct = default)
    {
        await CreateIndicesAsync(ct);
        await SendAsync(ProjectionStateRequests.ForgetCheckpoint(stateIndex, projection), ct, NotFound);
        await SendAsync(ProjectionStateRequests.ForgetParked(stateIndex, projection), ct);
        await SendAsync(SearchIndexRequests.DeleteIndex(index), ct, NotFound);
        await SendAsync(SearchIndexRequests.CreateIndex(index), ct, IndexAlreadyExists);
    }

    public async Task<ProjectionLease?> TakeLeaseAsync(string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default)
    {
        await CreateIndicesAsync(ct);
        var answer = await SendAsync(ProjectionStateRequests.TakeLease(stateIndex, projection, holder, now, until), ct, (status, _) => status == 409);
        return (string?)answer["result"] is "created" or "updated" ? new ProjectionLease(holder, until) : await ReadLeaseAsync(ct);
    }

    public async Task ReleaseLeaseAsync(string holder, CancellationToken ct = default)
    {
        await CreateIndicesAsync(ct);
        await SendAsync(ProjectionStateRequests.ReleaseLease(stateIndex, projection, holder), ct, (status, _) => status is 404 or 409);
    }

    public async Task<ProjectionLease?> ReadLeaseAsync(CancellationToken ct = default)
    {
        await CreateIndicesAsync(ct);
        var found = await SendAsync(ProjectionStateRequests.ReadLease(stateIndex, projection), ct, NotFound);
        return found["found"]?.GetValue<bool>() == true ? ProjectionStateRequests.LeaseFrom(found["_source"]) : null;
    }

    public async Task<SearchResult> SearchAsync(string? text, SearchPage page, CancellationToken ct = default)
    {
        await CreateIndicesAsync(ct);
        var found = await SendAsync(SearchIndexRequests.Search(index, text, page), ct);
        var hits = found["hits"]!;
        return new SearchResult(
            (long)hits["total"]!["value"]!,
            hits["hits"]!.AsArray().Select(h => Document(h!["_source"]!)).ToList());
    }

    public void Dispose() => creating.Dispose();

    static OrderDocument Document(JsonNode source) =>
        source.Deserialize(ReadModelJson.Default.OrderDocument) ?? throw new JsonException("A search document's source is null.");

    /// <summary>
    /// Sends a request and returns its JSON answer; fails unless the status is a success or one that
    /// <paramref name="expected"/> accepts for this request.
    /// </summary>
    async Task<JsonNode> SendAsync(ElasticRequest request, CancellationToken ct, Func<int, JsonNode?, bool>? expected = null)
    {
        var body = request.Body is null ? null : PostData.String(request.Body);
        var response = request.IsBulk
            ? await transport.RequestAsync<StringResponse>(request.Method, request.Path, body, Bulk, ct)
            : await transport.RequestAsync<StringResponse>(request.Method, request.Path, body, ct);
        var status = response.ApiCallDetails.HttpStatusCode;
        var json = string.IsNullOrEmpty(response.Body) ? null : JsonNode.Parse(response.Body);
        if (status is >= 200 and < 300 || status is { } code && expected?.Invoke(code, json) == true)
            return json ?? new JsonObject();
        throw new ElasticsearchRequestException(request, status, response.Body, response.ApiCallDetails.OriginalException);
    }

    static void ThrowOnItemErrors(JsonNode bulkAnswer, Func<int, JsonNode?, bool> harmless)
    {
        var failures = FailedItems(bulkAnswer, harmless);
        if (failures.Count > 0)
            throw new ElasticsearchBulkException(failures);
    }

    /// <summary>The items of a bulk answer that failed for a reason <paramref name="harmless"/> does not accept.</summary>
    public static IReadOnlyList<string> FailedItems(JsonNode bulkAnswer, Func<int, JsonNode?, bool> harmless) =>
        bulkAnswer["errors"]?.GetValue<bool>() != true
            ? []
            : bulkAnswer["items"]!.AsArray()
                .Select(item => item!.AsObject().Single().Value!)
                .Where(result => (int)result["status"]! is var status && status >= 300 && !harmless(status, result))
                .Select(result => result.ToJsonString())
                .ToList();

    /// <summary>The index is there already, from an earlier start or another instance.</summary>
    static bool IndexAlreadyExists(int status, JsonNode? answer) =>
        status == 400 && (string?)answer?["error"]?["type"] == "resource_already_exists_exception";

    public static bool NotFound(int status, JsonNode? answer) => status == 404;

    /// <summary>The index holds this version of the document or a newer one: the write is already done.</summary>
    public static bool VersionConflict(int status, JsonNode? result) =>
        status == 409 && (string?)result?["error"]?["type"] == "version_conflict_engine_exception";
}
