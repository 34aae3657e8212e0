using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Orders.EventStore;
using Orders.Projections.Documents;
using Orders.Projections.Search;

namespace Orders.Projections.Elastic;

/// <summary>
/// The search projection's order documents in an Elasticsearch index (default <c>orders</c>); the checkpoint and
/// parked events in a small index beside it (<c>&lt;index&gt;-projection-state</c>, see
/// <see cref="ElasticCheckpointStore"/>). Both indices are created, with explicit mappings, before the first request.
/// </summary>
/// <remarks>
/// A commit is a bulk of the documents with external versioning, then the parked and released events, then the
/// checkpoint. A crash part-way leaves the old checkpoint, so the runner delivers the batch again: Elasticsearch
/// refuses every document version it already holds (a 409 per item, which is taken as done), and parking or
/// releasing again is idempotent. The checkpoint never gets ahead of what is stored, so nothing is lost.
/// </remarks>
public sealed class ElasticSearchStore : ISearchIndex, IDisposable
{
    readonly ElasticsearchClient _client;
    readonly string _index;
    readonly IndexCreation _creation;
    readonly ElasticCheckpointStore _checkpoints;

    public ElasticSearchStore(ElasticsearchClient client, string index)
    {
        _client = client;
        _index = index;
        _creation = new IndexCreation(client, () => Mapping(index));
        _checkpoints = new ElasticCheckpointStore(client, StateIndexOf(index), OrderDocumentProjection.Search.Name);
    }

    public static string StateIndexOf(string index) => index + "-projection-state";

    /// <summary>Creates both indices unless they exist; every other member calls it first.</summary>
    public async Task CreateIndicesAsync(CancellationToken ct = default)
    {
        await _creation.EnsureAsync(ct);
        await _checkpoints.CreateIndexAsync(ct);
    }

    /// <summary>
    /// The index's explicit, strict mapping of the order document. Item titles and descriptions are analysed text
    /// (the standard analyser lower-cases, so search ignores case); an array of them keeps a position gap between
    /// values, so a phrase never runs from one item into the next. The timestamps are <c>date_nanos</c>, so that
    /// orders sort by the full precision of <c>createdAt</c>, as the embedded index does, before falling back to the id.
    /// Prices have at most two fraction digits; the source keeps the exact value either way.
    /// </summary>
    static CreateIndexRequest Mapping(string index) =>
        new(index)
        {
            Mappings = new TypeMapping
            {
                Dynamic = DynamicMapping.Strict,
                Properties = new Properties
                {
                    { "orderId", new KeywordProperty() },
                    { "accountEmail", new KeywordProperty() },
                    { "deliveryAddress", new TextProperty() },
                    {
                        "shopItems", new ObjectProperty
                        {
                            Properties = new Properties
                            {
                                { "id", new KeywordProperty() },
                                { "title", new TextProperty() },
                                { "description", new TextProperty() },
                                { "quantity", new IntegerNumberProperty() },
                                { "price", Money() },
                            },
                        }
                    },
                    { "totalPrice", Money() },
                    { "status", new KeywordProperty() },
                    { "paid", new BooleanProperty() },
                    { "submitted", new BooleanProperty() },
                    { "completed", new BooleanProperty() },
                    { "canceled", new BooleanProperty() },
                    { "cancelReason", new TextProperty() },
                    {
                        "payment", new ObjectProperty
                        {
                            Properties = new Properties
                            {
                                { "paymentId", new KeywordProperty() },
                                { "timestamp", new DateNanosProperty() },
                            },
                        }
                    },
                    { "deliveredTime", new DateNanosProperty() },
                    { "createdAt", new DateNanosProperty() },
                    { "updatedAt", new DateNanosProperty() },
                    { "version", new LongNumberProperty() },
                },
            },
        };

    static ScaledFloatNumberProperty Money() => new() { ScalingFactor = 100 };

    public Task<LogPosition?> ReadCheckpointAsync(CancellationToken ct = default) => _checkpoints.ReadCheckpointAsync(ct);

    public Task<ProjectionLease?> TakeLeaseAsync(string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default) =>
        _checkpoints.TakeLeaseAsync(holder, now, until, ct);

    public Task ReleaseLeaseAsync(string holder, CancellationToken ct = default) => _checkpoints.ReleaseLeaseAsync(holder, ct);

    public Task<ProjectionLease?> ReadLeaseAsync(CancellationToken ct = default) => _checkpoints.ReadLeaseAsync(ct);

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(CancellationToken ct = default) => _checkpoints.ListParkedAsync(ct);

    /// <summary>Several documents by id, as of their last write (<c>_mget</c> is real-time: no refresh needed).</summary>
    public async Task<IReadOnlyDictionary<Guid, OrderDocument>> LoadAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct = default)
    {
        await CreateIndicesAsync(ct);
        if (orderIds.Count == 0)
            return new Dictionary<Guid, OrderDocument>();
        var found = (await _client.MultiGetAsync<OrderDocument>(new MultiGetRequest(_index) { Ids = new Ids(orderIds.Select(Key)) }, ct)).Expect();
        return found.Docs
            .Select(d => d.Match(get => get is { Found: true } ? get.Source : null, _ => null))
            .OfType<OrderDocument>()
            .ToDictionary(d => d.OrderId);
    }

    /// <summary>The document's metadata only: its <c>_version</c> is the stream version (external versioning).</summary>
    public async Task<long?> ReadVersionAsync(Guid orderId, CancellationToken ct = default)
    {
        await CreateIndicesAsync(ct);
        var found = (await _client.GetAsync<OrderDocument>(new GetRequest(_index, Key(orderId)) { Source = new SourceConfigParam(false) }, ct))
            .Expect(ElasticAnswers.NotFound);
        return found.Found ? found.Version : null;
    }

    /// <summary>
    /// Indexes every document with external versioning: Elasticsearch keeps a document only when its stream version
    /// is higher than the stored one and answers 409 otherwise, so an older or repeated write changes nothing.
    /// No refresh is forced: a forced refresh per bulk writes one small segment per batch, which under a steady
    /// stream of small batches costs more merging than the indexing itself. The documents become searchable at the
    /// index's next scheduled refresh (1 s by default); read-your-writes is promised for <c>GET</c>, which reads
    /// the other store, and the runner's own reads (<c>_mget</c>, by id) are real-time.
    /// </summary>
    public async Task CommitAsync(ProjectionCommit<OrderDocument> commit, CancellationToken ct = default)
    {
        await CreateIndicesAsync(ct);
        if (commit.Documents.Count > 0)
        {
            var operations = new BulkOperationsCollection();
            foreach (var document in commit.Documents)
                operations.Add(new BulkIndexOperation<OrderDocument>(document, _index)
                {
                    Id = Key(document.OrderId),
                    Version = document.Version,
                    VersionType = VersionType.External,
                });
            (await _client.BulkAsync(new BulkRequest { Operations = operations }, ct)).Expect().ThrowOnItemErrors(ElasticAnswers.VersionConflict);
        }
        await _checkpoints.SaveAsync(commit.State, ct);
    }

    /// <summary>
    /// Forgets the checkpoint and parked events first (an interrupted reset then restarts from the log's start),
    /// then drops and recreates the index: deleting documents one by one would leave their versions behind as
    /// tombstones for a while, and external versioning would refuse the rebuilt documents.
    /// </summary>
    public async Task ResetAsync(CancellationToken ct = default)
    {
        await CreateIndicesAsync(ct);
        await _checkpoints.ForgetAsync(ct);
        (await _client.Indices.DeleteAsync(new DeleteIndexRequest(_index), ct)).Expect(ElasticAnswers.NotFound);
        await _creation.CreateAsync(ct);
    }

    /// <summary>
    /// The original service's search: the text as a phrase whose last word is a prefix, in any item's title or
    /// description; every order when the text is blank. Newest first, then by id so that pages are stable, with an
    /// exact total.
    /// </summary>
    public async Task<SearchResult> SearchAsync(string? text, SearchPage page, CancellationToken ct = default)
    {
        await CreateIndicesAsync(ct);
        var found = (await _client.SearchAsync<OrderDocument>(new SearchRequest(_index)
        {
            Query = string.IsNullOrWhiteSpace(text)
                ? new MatchAllQuery()
                : new BoolQuery
                {
                    Should = [new MatchPhrasePrefixQuery("shopItems.title", text), new MatchPhrasePrefixQuery("shopItems.description", text)],
                    MinimumShouldMatch = 1,
                },
            Sort = [Sorted("createdAt", SortOrder.Desc), Sorted("orderId", SortOrder.Asc)],
            From = page.Offset,
            Size = page.Size,
            TrackTotalHits = new TrackHits(true),
        }, ct)).Expect();
        return new SearchResult(found.Total, found.Documents.ToList());
    }

    public void Dispose()
    {
        _creation.Dispose();
        _checkpoints.Dispose();
    }

    static string Key(Guid orderId) => orderId.ToString("D");

    static SortOptions Sorted(string field, SortOrder order) => new() { Field = new FieldSort(field) { Order = order } };
}
