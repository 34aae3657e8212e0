using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Orders.EventStore;

namespace Orders.Projections.Elastic;

/// <summary>
/// A follower's checkpoint, parked events and lease in a small index of their own (beside the documents, e.g.
/// <c>orders-projection-state</c>), created with its mapping before the first request.
/// </summary>
public sealed class ElasticCheckpointStore(ElasticsearchClient client, string index, string follower) : ICheckpointStore, IDisposable
{
    const int ParkedPageSize = 500;

    readonly IndexCreation _creation = new(client, () => Mapping(index));
    bool _leaseMapped;

    public Task CreateIndexAsync(CancellationToken ct = default) => _creation.EnsureAsync(ct);

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
                    { "lease", new ObjectProperty { Enabled = false } },
                },
            },
        };

    /// <summary>
    /// Takes or renews the lease by a scripted update of its document, which Elasticsearch applies atomically: the
    /// script changes it only when nobody holds it, it expired before <c>now</c>, or the holder asks again, and
    /// otherwise does nothing (<c>noop</c>). Two instances updating at once meet a version conflict (409) on one
    /// side, which then reads who holds it.
    /// </summary>
    public const string TakeLeaseScript =
        "def lease = ctx._source.lease; "
        + "if (lease == null || lease.holder == params.holder || lease.expires < params.now) { "
        + "ctx._source.projection = params.follower; ctx._source.kind = 'lease'; "
        + "ctx._source.lease = ['holder': params.holder, 'expires': params.until]; } "
        + "else { ctx.op = 'noop'; }";

    public const string ReleaseLeaseScript =
        "if (ctx._source.lease != null && ctx._source.lease.holder == params.holder) { ctx.op = 'delete'; } else { ctx.op = 'noop'; }";

    /// <summary>
    /// Moves the checkpoint only forwards, so that a late save from an instance that lost the lease changes nothing.
    /// Positions are unsigned, stored as the longs with the same bits: compared as unsigned.
    /// </summary>
    public const string MoveCheckpointScript =
        "def c = ctx._source.commitPosition; def p = ctx._source.preparePosition; "
        + "int order = ctx.op == 'create' || c == null ? 1 : Long.compareUnsigned((long)params.commit, (long)c); "
        + "if (order == 0) { order = Long.compareUnsigned((long)params.prepare, (long)p); } "
        + "if (order > 0) { "
        + "ctx._source.projection = params.follower; ctx._source.kind = 'checkpoint'; "
        + "ctx._source.commitPosition = params.commit; ctx._source.preparePosition = params.prepare; } "
        + "else { ctx.op = 'noop'; }";

    /// <summary>A state index created before leases were kept there gets the lease's field; adding a field is allowed.</summary>
    static PutMappingRequest LeaseMapping(string index) =>
        new(index) { Properties = new Properties { { "lease", new ObjectProperty { Enabled = false } } } };

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
            (await client.UpdateAsync(Scripted(CheckpointId, ProjectionStateDocument.CheckpointKind, MoveCheckpointScript, new Dictionary<string, object>
            {
                ["follower"] = follower,
                ["commit"] = unchecked((long)checkpoint.Commit),
                ["prepare"] = unchecked((long)checkpoint.Prepare),
            }, upsert: true), ct)).Expect();
    }

    public async Task<ProjectionLease?> TakeLeaseAsync(string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default)
    {
        await CreateIndexAsync(ct);
        await MapLeaseAsync(ct);
        var answer = (await client.UpdateAsync(Scripted(LeaseId, ProjectionStateDocument.LeaseKind, TakeLeaseScript, new Dictionary<string, object>
        {
            ["follower"] = follower,
            ["holder"] = holder,
            ["now"] = now.ToUnixTimeMilliseconds(),
            ["until"] = until.ToUnixTimeMilliseconds(),
        }, upsert: true), ct)).Expect(ElasticAnswers.Conflict);
        return answer.IsValidResponse && answer.Result is Result.Created or Result.Updated
            ? new ProjectionLease(holder, DateTimeOffset.FromUnixTimeMilliseconds(until.ToUnixTimeMilliseconds()))
            : await ReadLeaseAsync(ct);
    }

    public async Task ReleaseLeaseAsync(string holder, CancellationToken ct = default)
    {
        await CreateIndexAsync(ct);
        (await client.UpdateAsync(Scripted(LeaseId, ProjectionStateDocument.LeaseKind, ReleaseLeaseScript, new Dictionary<string, object> { ["holder"] = holder }, upsert: false), ct))
            .Expect(r => ElasticAnswers.NotFound(r) || ElasticAnswers.Conflict(r));
    }

    public async Task<ProjectionLease?> ReadLeaseAsync(CancellationToken ct = default)
    {
        await CreateIndexAsync(ct);
        var found = (await client.GetAsync<ProjectionStateDocument>(new GetRequest(index, LeaseId), ct)).Expect(ElasticAnswers.NotFound);
        return found.Found ? found.Source?.Lease?.ToLease() : null;
    }

    UpdateRequest<ProjectionStateDocument, ProjectionStateDocument> Scripted(string id, string kind, string script, Dictionary<string, object> parameters, bool upsert) =>
        new(index, id)
        {
            Script = new Script { Source = script, Lang = ScriptLanguage.Painless, Params = parameters },
            ScriptedUpsert = upsert ? true : null,
            // The script fills in the empty document it is given when there is none yet.
            Upsert = upsert ? new ProjectionStateDocument(follower, kind, 0, 0, null) : null,
        };

    async Task MapLeaseAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _leaseMapped))
            return;
        (await client.Indices.PutMappingAsync(LeaseMapping(index), ct)).Expect();
        Volatile.Write(ref _leaseMapped, true);
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

    public void Dispose() => _creation.Dispose();

    string CheckpointId => $"checkpoint:{follower}";

    string LeaseId => $"lease:{follower}";

    /// <summary>One document per follower, stream and version, so that parking an event again replaces it.</summary>
    string ParkedId(ParkedEvent parked) => $"parked:{follower}:{parked.Event.StreamId}:{parked.Event.StreamVersion}";

    BoolQuery ParkedOfFollower =>
        new() { Filter = [new TermQuery("projection", follower), new TermQuery("kind", ProjectionStateDocument.ParkedKind)] };

    static SortOptions Ascending(string field) => new() { Field = new FieldSort(field) { Order = SortOrder.Asc } };
}
