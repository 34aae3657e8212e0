using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Orders.EventStore;

namespace Orders.Projections.Elastic;

/// <summary>
/// A follower's checkpoint and parked events in a small index of their own (beside the documents, e.g.
/// <c>orders-projection-state</c>), created with its mapping before the first request.
/// </summary>
public sealed class ElasticCheckpointStore(ElasticsearchClient client, string index, string follower) : ICheckpointStore, IDisposable
{
    const int ParkedPageSize = 500;

    readonly IndexCreation creation = new(client, () => Mapping(index));

    public Task CreateIndexAsync(CancellationToken ct = default) => creation.EnsureAsync(ct);

    /// <summary>Strict: only what is filtered and sorted on is indexed; a parked event's body is kept in the source alone.</summary>
    static CreateIndexRequest Mapping(string index) =>
        new(index)
        {
            Mappings = new TypeMapping
            {
                Dynamic = DynamicMapping.Strict,
                Properties = new Properties
                {
                    { "projection", new KeywordProperty() },
                    { "kind", new KeywordProperty() },
                    { "commitPosition", new LongNumberProperty() },
                    { "preparePosition", new LongNumberProperty() },
                    { "parked", new ObjectProperty { Enabled = false } },
                },
            },
        };

    /// <summary>By id, which is real-time: no refresh needed.</summary>
    public async Task<LogPosition?> ReadCheckpointAsync(CancellationToken ct = default)
    {
        await CreateIndexAsync(ct);
        var found = (await client.GetAsync<ProjectionStateDocument>(new GetRequest(index, CheckpointId), ct)).Expect(ElasticAnswers.NotFound);
        return found.Found && found.Source is { } checkpoint ? checkpoint.Position : null;
    }

    /// <summary>Page by page in log order, each after the position the previous one ended at.</summary>
    public async Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(CancellationToken ct = default)
    {
        await CreateIndexAsync(ct);
        var parked = new List<ParkedEvent>();
        while (true)
        {
            var after = parked.Count > 0 ? parked[^1].Event.Position : (LogPosition?)null;
            var page = (await client.SearchAsync<ProjectionStateDocument>(new SearchRequest(index)
            {
                Query = ParkedOfFollower,
                Sort = [Ascending("commitPosition"), Ascending("preparePosition")],
                Size = ParkedPageSize,
                SearchAfter = after is { } position
                    ? [FieldValue.Long(unchecked((long)position.Commit)), FieldValue.Long(unchecked((long)position.Prepare))]
                    : null,
            }, ct)).Expect();
            parked.AddRange(page.Documents.Select(d => d.ToParkedEvent()));
            if (page.Documents.Count < ParkedPageSize)
                return parked;
        }
    }

    /// <summary>
    /// Parks and releases in one bulk, with <c>refresh=true</c> because the parked list is read by a search, which
    /// sees only refreshed writes (parking is rare, so the refresh costs little); then the checkpoint, without one:
    /// it is only ever read back by id.
    /// </summary>
    public async Task SaveAsync(CheckpointChange change, CancellationToken ct = default)
    {
        await CreateIndexAsync(ct);
        if (change.ChangesParked)
        {
            var operations = new BulkOperationsCollection();
            foreach (var parked in change.Parked)
                operations.Add(new BulkIndexOperation<ProjectionStateDocument>(ProjectionStateDocument.Of(parked with { Projection = follower }), index)
                {
                    Id = ParkedId(parked),
                });
            foreach (var released in change.Released)
                operations.Add(new BulkDeleteOperation(ParkedId(released)) { Index = index });
            (await client.BulkAsync(new BulkRequest { Operations = operations, Refresh = Refresh.True }, ct)).Expect()
                .ThrowOnItemErrors(ElasticAnswers.NotFound);
        }
        if (change.Checkpoint is { } checkpoint)
            (await client.IndexAsync(new IndexRequest<ProjectionStateDocument>(
                ProjectionStateDocument.Checkpoint(follower, checkpoint), index, CheckpointId), ct)).Expect();
    }

    /// <summary>
    /// The checkpoint by id, because a search (as delete-by-query runs) would miss one written since the last
    /// refresh; the parked events by query (they are written with a refresh, so it sees them all), refreshed, so
    /// that a listing right after sees none.
    /// </summary>
    public async Task ForgetAsync(CancellationToken ct = default)
    {
        await CreateIndexAsync(ct);
        (await client.DeleteAsync(new DeleteRequest(index, CheckpointId), ct)).Expect(ElasticAnswers.NotFound);
        (await client.DeleteByQueryAsync(new DeleteByQueryRequest(index) { Query = ParkedOfFollower, Refresh = true }, ct)).Expect();
    }

    public void Dispose() => creation.Dispose();

    string CheckpointId => $"checkpoint:{follower}";

    /// <summary>One document per follower, stream and version, so that parking an event again replaces it.</summary>
    string ParkedId(ParkedEvent parked) => $"parked:{follower}:{parked.Event.StreamId}:{parked.Event.StreamVersion}";

    BoolQuery ParkedOfFollower =>
        new() { Filter = [new TermQuery("projection", follower), new TermQuery("kind", ProjectionStateDocument.ParkedKind)] };

    static SortOptions Ascending(string field) => new() { Field = new FieldSort(field) { Order = SortOrder.Asc } };
}
