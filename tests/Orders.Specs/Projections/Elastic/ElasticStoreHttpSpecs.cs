using System.Text.Json;
using System.Text.Json.Nodes;
using Orders.EventStore;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Elastic;
using Orders.Projections.Search;
using Orders.Specs.Projections.Contracts;

namespace Orders.Specs.Projections.Elastic;

/// <summary>
/// How the store drives the client, against scripted answers (see <see cref="ScriptedElasticsearch"/>): the order of
/// a commit's requests, which answers count as done, and that a failed write stops the checkpoint from moving.
/// </summary>
public sealed class ElasticStoreHttpSpecs : IDisposable
{
    static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    static readonly OrderDocument Shirts = TestDocuments.Pending(
        Guid.Parse("0b6f3c4e-1c2d-4f6a-9b1e-3a5d7c9e2f40"), Monday, 3, new ShopItemDocument("sku-1", "Blue shirt", "Cotton", 2, 19.99m));

    static readonly ParkedEvent Poison = new(
        "search",
        new RecordedEvent("order-0b6f3c4e-1c2d-4f6a-9b1e-3a5d7c9e2f40", 4, new LogPosition(90, 90), Guid.NewGuid(), "V1_ORDER_PAID", new byte[] { 1 }, new byte[] { 2 }, Monday),
        "The event data cannot be read.", 3, Monday, HeldBehind: null);

    const string AlreadyExists = """{"error":{"type":"resource_already_exists_exception","reason":"index already exists"},"status":400}""";

    readonly ScriptedElasticsearch _elasticsearch = new();
    readonly ElasticSearchStore _store;

    public ElasticStoreHttpSpecs() => _store = new ElasticSearchStore(_elasticsearch.Client(), "orders");

    public void Dispose()
    {
        _store.Dispose();
        _elasticsearch.Dispose();
    }

    static string BulkAnswer(params (int Status, string? ErrorType)[] items) =>
        new JsonObject
        {
            ["took"] = 1,
            ["errors"] = items.Any(i => i.Status >= 300),
            ["items"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
            {
                ["index"] = new JsonObject
                {
                    ["_index"] = "orders",
                    ["status"] = i.Status,
                    ["error"] = i.ErrorType is null ? null : new JsonObject { ["type"] = i.ErrorType, ["reason"] = "scripted" },
                },
            }).ToArray()),
        }.ToJsonString();

    [Fact]
    public async Task A_commit_creates_the_indices_once_then_writes_documents_then_parked_events_then_the_checkpoint()
    {
        _elasticsearch.Answer = r => r.Method == "PUT" && !r.Path.Contains("_doc", StringComparison.Ordinal) ? (400, AlreadyExists)
            : r.Path.StartsWith("/_bulk", StringComparison.Ordinal) ? (200, BulkAnswer((201, null)))
            : (200, "{}");

        await _store.CommitAsync(new ProjectionCommit<OrderDocument>([Shirts], [Poison], [], LogPosition.Of(90)));
        await _store.CommitAsync(new ProjectionCommit<OrderDocument>([], [], [], LogPosition.Of(91)));

        Assert.Equal(
            [
                "PUT /orders", "PUT /orders-projection-state",
                "POST /_bulk", "POST /_bulk?refresh=true", "POST /orders-projection-state/_update/checkpoint%3Asearch",
                "POST /orders-projection-state/_update/checkpoint%3Asearch",
            ],
            _elasticsearch.Sent.Select(r => r.ToString()));
        // Elasticsearch refuses a request whose Content-Type and Accept disagree on a compatible-with version; the
        // client's bulk names none in either.
        Assert.All(_elasticsearch.Sent.Where(r => r.IsBulk), r => Assert.Equal(("application/x-ndjson", "application/json"), (r.ContentType, r.Accept)));
        Assert.All(_elasticsearch.Sent.Where(r => !r.IsBulk), r => Assert.Equal(r.ContentType, r.Accept));
        Assert.Contains(JsonSerializer.Serialize(Shirts, ReadModelJson.Default.OrderDocument) + "\n", _elasticsearch.Sent[2].Body, StringComparison.Ordinal);
        Assert.Contains("\"commit\":91", _elasticsearch.Sent[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_refused_as_no_newer_is_done_and_the_checkpoint_moves()
    {
        _elasticsearch.Answer = r => r.Path.StartsWith("/_bulk", StringComparison.Ordinal)
            ? (200, BulkAnswer((201, null), (409, "version_conflict_engine_exception")))
            : (200, "{}");

        await _store.CommitAsync(new ProjectionCommit<OrderDocument>([Shirts, Shirts with { OrderId = Guid.NewGuid() }], [], [], LogPosition.Of(7)));

        Assert.Contains(_elasticsearch.Sent, r => r.Path.EndsWith("_update/checkpoint%3Asearch", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(400, "document_parsing_exception")]
    [InlineData(429, "es_rejected_execution_exception")]
    public async Task Any_other_refused_document_fails_the_commit_before_the_checkpoint_moves(int status, string error)
    {
        _elasticsearch.Answer = r => r.Path.StartsWith("/_bulk", StringComparison.Ordinal)
            ? (200, BulkAnswer((201, null), (status, error)))
            : (200, "{}");

        var failure = await Assert.ThrowsAsync<ElasticsearchBulkException>(() =>
            _store.CommitAsync(new ProjectionCommit<OrderDocument>([Shirts, Shirts with { OrderId = Guid.NewGuid() }], [Poison], [], LogPosition.Of(7))));

        Assert.Contains(error, failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, _elasticsearch.Sent.Count(r => r.Path.StartsWith("/_bulk", StringComparison.Ordinal)));
        Assert.DoesNotContain(_elasticsearch.Sent, r => r.Path.Contains("checkpoint", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_request_fails_with_its_method_path_and_answer()
    {
        _elasticsearch.Answer = r => r.Path.EndsWith("/_search", StringComparison.Ordinal)
            ? (503, """{"error":{"type":"search_phase_execution_exception"},"status":503}""")
            : (200, "{}");

        var failure = await Assert.ThrowsAsync<ElasticsearchRequestException>(() => _store.SearchAsync("blue", SearchPage.First));

        Assert.StartsWith("POST /orders/_search answered 503: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("search_phase_execution_exception", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_reads_the_exact_total_and_the_documents_in_the_order_of_the_hits()
    {
        var beans = Shirts with { OrderId = Guid.Parse("6a1f0000-0000-4000-8000-000000000002"), Version = 0 };
        _elasticsearch.Answer = r => r.Path.EndsWith("/_search", StringComparison.Ordinal)
            ? (200, new JsonObject
            {
                ["took"] = 2,
                ["hits"] = new JsonObject
                {
                    ["total"] = new JsonObject { ["value"] = 42, ["relation"] = "eq" },
                    ["hits"] = new JsonArray(Hit(beans), Hit(Shirts)),
                },
            }.ToJsonString())
            : (200, "{}");

        var page = SearchPage.Of(2, 2).Page!;
        var result = await _store.SearchAsync(null, page);

        Assert.Equal(42, result.TotalCount);
        Assert.Equal(new[] { DocumentJson.Write(beans), DocumentJson.Write(Shirts) }, result.Orders.Select(DocumentJson.Write));
        Assert.Contains("\"from\":2,", _elasticsearch.Sent[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_by_id_take_a_missing_document_or_checkpoint_as_absent()
    {
        _elasticsearch.Answer = r =>
            r.Path.EndsWith("/_mget", StringComparison.Ordinal)
                ? (200, new JsonObject { ["docs"] = new JsonArray(Hit(Shirts), new JsonObject { ["_id"] = "x", ["found"] = false }) }.ToJsonString())
            : r.Path.Contains("/_doc/", StringComparison.Ordinal) ? (404, """{"_index":"orders","_id":"x","found":false}""")
            : (200, "{}");

        var loaded = await _store.LoadAsync([Shirts.OrderId, Guid.NewGuid()]);

        Assert.Equal(DocumentJson.Write(Shirts), DocumentJson.Write(Assert.Single(loaded).Value));
        Assert.Null(await _store.ReadVersionAsync(Shirts.OrderId));
        Assert.Null(await _store.ReadCheckpointAsync());
    }

    [Fact]
    public async Task The_checkpoint_and_parked_events_are_read_from_the_answers_in_the_shapes_elasticsearch_documents()
    {
        var farthest = new LogPosition(ulong.MaxValue - 1, ulong.MaxValue - 2);
        var held = Poison with { HeldBehind = 3, Attempts = 0, Event = Poison.Event with { StreamVersion = 5, Position = new LogPosition(91, 91) } };
        _elasticsearch.Answer = r =>
            r.Path.EndsWith("/_doc/checkpoint%3Asearch", StringComparison.Ordinal)
                ? (200, """{"_index":"orders-projection-state","_id":"checkpoint:search","_version":3,"_seq_no":7,"_primary_term":1,"found":true,"_source":{"projection":"search","kind":"checkpoint","commitPosition":-2,"preparePosition":-3}}""")
            : r.Path.EndsWith("/_search", StringComparison.Ordinal)
                ? (200, new JsonObject
                {
                    ["took"] = 1,
                    ["timed_out"] = false,
                    ["hits"] = new JsonObject
                    {
                        ["total"] = new JsonObject { ["value"] = 2, ["relation"] = "eq" },
                        ["max_score"] = null,
                        ["hits"] = new JsonArray(StateHit(Poison, 1040), StateHit(held, 1041)),
                    },
                }.ToJsonString())
            : ScriptedElasticsearch.Empty(r);

        Assert.Equal(farthest, await _store.ReadCheckpointAsync());
        Assert.Equal(
            new[] { Poison, held }.Select(ParkedEvents.Describe),
            (await _store.ListParkedAsync()).Select(ParkedEvents.Describe));
    }

    static JsonObject StateHit(ParkedEvent parked, long sortValue) =>
        new()
        {
            ["_index"] = "orders-projection-state",
            ["_id"] = $"parked:search:{parked.Event.StreamId}:{parked.Event.StreamVersion}",
            ["_score"] = null,
            ["_source"] = JsonSerializer.SerializeToNode(ProjectionStateDocument.Of(parked), ReadModelJson.Default.ProjectionStateDocument),
            ["sort"] = new JsonArray(sortValue, sortValue),
        };

    static JsonObject Hit(OrderDocument document) =>
        new()
        {
            ["_index"] = "orders",
            ["_id"] = document.OrderId.ToString(),
            ["_version"] = document.Version,
            ["found"] = true,
            ["_source"] = JsonSerializer.SerializeToNode(document, ReadModelJson.Default.OrderDocument),
        };
}
