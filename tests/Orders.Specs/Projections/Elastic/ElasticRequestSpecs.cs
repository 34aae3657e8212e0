using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orders.EventStore;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Elastic;
using Orders.Projections.Search;

namespace Orders.Specs.Projections.Elastic;

/// <summary>
/// What the Elasticsearch store sends, method, path and body, pinned as snapshots: the mappings, the versioned
/// bulk, the search, the checkpoint and parked-event requests. Each is the typed client's own request, captured as
/// the bytes it would put on the wire by an in-memory transport (<see cref="ScriptedElasticsearch"/>). No server needed.
/// </summary>
public sealed class ElasticRequestSpecs : IDisposable
{
    static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    static readonly OrderDocument Shirts = TestDocuments.EveryFieldSet(Guid.Parse("0b6f3c4e-1c2d-4f6a-9b1e-3a5d7c9e2f40"), Monday.AddTicks(1_234_567));

    static readonly OrderDocument Beans = TestDocuments.Pending(
        Guid.Parse("6a1f0000-0000-4000-8000-000000000002"), Monday.AddHours(1), 0, new ShopItemDocument("sku-9", "Coffee beans", "Dark roast 1kg", 1, 12m));

    static readonly ParkedEvent Poison = new(
        "search",
        new RecordedEvent(
            "order-0b6f3c4e-1c2d-4f6a-9b1e-3a5d7c9e2f40", 2, new LogPosition(1042, 1040),
            Guid.Parse("5d1e4c8a-0000-4000-8000-000000000001"), "V1_ORDER_PAID",
            Encoding.UTF8.GetBytes("""{"paymentID":"p","timestamp":42}"""), Encoding.UTF8.GetBytes("{}"),
            Monday.AddMinutes(4).ToOffset(TimeSpan.FromHours(2))),
        "The event data cannot be read.", 3, Monday.AddMinutes(5), HeldBehind: null);

    static readonly ParkedEvent Held = Poison with
    {
        Event = Poison.Event with { StreamVersion = 3, Position = new LogPosition(1043, 1043) },
        Error = "Held behind the parked event at version 2 of its stream.",
        Attempts = 0,
        HeldBehind = 2,
    };

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    readonly ScriptedElasticsearch _elasticsearch = new();
    readonly ElasticSearchStore _store;

    public ElasticRequestSpecs() => _store = new ElasticSearchStore(_elasticsearch.Client(), "orders");

    public void Dispose()
    {
        _store.Dispose();
        _elasticsearch.Dispose();
    }

    /// <summary>A request as JSON: a bulk body as the array of its lines, each parsed.</summary>
    static JsonObject Render(SentRequest request) =>
        new()
        {
            ["method"] = request.Method,
            ["path"] = request.Path,
            ["body"] = request.Body is null ? null
                : request.IsBulk ? new JsonArray(request.Body.TrimEnd('\n').Split('\n').Select(line => JsonNode.Parse(line)).ToArray())
                : JsonNode.Parse(request.Body),
        };

    static void Verify(string name, IEnumerable<SentRequest> requests) =>
        ApprovedFile.Verify(new JsonArray(requests.Select(r => (JsonNode)Render(r)).ToArray()).ToJsonString(Indented), name);

    /// <summary>The requests sent by <paramref name="act"/>, after the indices were created.</summary>
    async Task<List<SentRequest>> SentBy(Func<Task> act)
    {
        await _store.CreateIndicesAsync();
        var before = _elasticsearch.Sent.Count;
        await act();
        return _elasticsearch.Sent.Skip(before).ToList();
    }

    [Fact]
    public async Task The_indices_are_created_with_explicit_strict_mappings()
    {
        await _store.CreateIndicesAsync();
        await _store.CreateIndicesAsync();

        Verify("elastic.create-indices", _elasticsearch.Sent);
    }

    [Fact]
    public async Task Documents_are_written_as_one_bulk_with_the_stream_version_as_external_version()
    {
        var sent = await SentBy(() => _store.CommitAsync(new ProjectionCommit<OrderDocument>([Shirts, Beans], [], [], Checkpoint: null)));

        Verify("elastic.commit-documents", sent);
        var body = Assert.Single(sent).Body!;
        Assert.EndsWith("}\n", body, StringComparison.Ordinal);
        Assert.Equal(4, body.Count(c => c == '\n'));
        var source = JsonSerializer.Deserialize(body.Split('\n')[1], ReadModelJson.Default.OrderDocument);
        Assert.Equal(DocumentJson.Write(Shirts), DocumentJson.Write(source));
    }

    [Fact]
    public async Task A_commit_then_parks_and_releases_and_last_moves_the_checkpoint()
    {
        var sent = await SentBy(() => _store.CommitAsync(new ProjectionCommit<OrderDocument>([], [Held], [Poison], new LogPosition(1043, 1043))));

        Verify("elastic.commit-state", sent);
    }

    [Fact]
    public async Task A_lease_is_taken_and_given_up_by_scripted_updates_of_its_document()
    {
        var sent = await SentBy(async () =>
        {
            await _store.TakeLeaseAsync("orders-1", Monday, Monday.AddSeconds(15));
            await _store.ReleaseLeaseAsync("orders-1");
        });

        Verify("elastic.lease", sent);
    }

    [Fact]
    public async Task Search_is_a_phrase_prefix_on_titles_or_descriptions_newest_first_with_an_exact_total()
    {
        var sent = await SentBy(async () =>
        {
            await _store.SearchAsync("blue sh", SearchPage.Of(3, 10).Page!);
            await _store.SearchAsync("  ", SearchPage.First);
            await _store.SearchAsync(null, SearchPage.Of(100, 100).Page!);
        });

        Verify("elastic.search", sent);
    }

    [Fact]
    public async Task Reads_by_id_are_real_time_and_parked_events_are_paged_in_log_order()
    {
        var firstPage = Enumerable.Range(0, 500)
            .Select(n => Poison with { Event = Poison.Event with { StreamVersion = n, Position = new LogPosition(543 + (ulong)n, 541 + (ulong)n) } })
            .ToList();
        _elasticsearch.Answer = r => r.Path.EndsWith("/_search", StringComparison.Ordinal) && !r.Body!.Contains("search_after", StringComparison.Ordinal)
            ? (200, Hits(firstPage.Select(ProjectionStateDocument.Of)))
            : ScriptedElasticsearch.Empty(r);

        var sent = await SentBy(async () =>
        {
            await _store.LoadAsync([Shirts.OrderId, Beans.OrderId]);
            await _store.ReadVersionAsync(Shirts.OrderId);
            await _store.ReadCheckpointAsync();
            Assert.Equal(500, (await _store.ListParkedAsync()).Count);
        });

        Verify("elastic.reads", sent);
    }

    [Fact]
    public async Task A_reset_forgets_the_checkpoint_and_parked_events_then_drops_the_index_to_create_it_again()
    {
        var sent = await SentBy(() => _store.ResetAsync());

        Verify("elastic.reset", sent);
    }

    [Fact]
    public void A_parked_event_survives_the_trip_through_its_json_whole()
    {
        foreach (var parked in new[] { Poison, Held })
        {
            var json = JsonSerializer.Serialize(ProjectionStateDocument.Of(parked), ReadModelJson.Default.ProjectionStateDocument);
            var read = JsonSerializer.Deserialize(json, ReadModelJson.Default.ProjectionStateDocument)!.ToParkedEvent();
            Assert.Equal(parked with { Event = parked.Event with { Data = default, Metadata = default } },
                read with { Event = read.Event with { Data = default, Metadata = default } });
            Assert.Equal(parked.Event.Created.Offset, read.Event.Created.Offset);
            Assert.Equal(parked.Event.Data.ToArray(), read.Event.Data.ToArray());
            Assert.Equal(parked.Event.Metadata.ToArray(), read.Event.Metadata.ToArray());
        }
    }

    [Fact]
    public async Task A_bulk_item_refused_for_an_older_version_is_done_and_any_other_item_error_fails_the_commit()
    {
        _elasticsearch.Answer = r => r.IsBulk
            ? (200, """
                {"took":3,"errors":true,"items":[
                  {"index":{"_index":"orders","_id":"a","_version":4,"result":"created","status":201}},
                  {"index":{"_index":"orders","_id":"b","status":409,"error":{"type":"version_conflict_engine_exception","reason":"[b]: version conflict, current version [5] is higher or equal to the one provided [5]"}}},
                  {"index":{"_index":"orders","_id":"c","status":400,"error":{"type":"document_parsing_exception","reason":"strict_dynamic_mapping_exception"}}},
                  {"index":{"_index":"orders","_id":"d","status":429,"error":{"type":"es_rejected_execution_exception","reason":"queue full"}}}
                ]}
                """)
            : ScriptedElasticsearch.Empty(r);

        var failure = await Assert.ThrowsAsync<ElasticsearchBulkException>(() =>
            _store.CommitAsync(new ProjectionCommit<OrderDocument>([Shirts, Beans], [], [], LogPosition.Of(7))));

        Assert.StartsWith("2 bulk items failed; the first: index orders/c answered 400: document_parsing_exception", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_elasticsearch.Sent, r => r.Path.Contains("checkpoint", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Releasing_an_event_that_is_no_longer_parked_is_done()
    {
        _elasticsearch.Answer = r => r.IsBulk
            ? (200, """{"took":1,"errors":true,"items":[{"delete":{"_index":"orders-projection-state","_id":"x","result":"not_found","status":404}}]}""")
            : ScriptedElasticsearch.Empty(r);

        await _store.CommitAsync(new ProjectionCommit<OrderDocument>([], [], [Poison], LogPosition.Of(7)));

        Assert.Contains(_elasticsearch.Sent, r => r.Path.EndsWith("_update/checkpoint%3Asearch", StringComparison.Ordinal));
    }

    static string Hits(IEnumerable<ProjectionStateDocument> sources) =>
        new JsonObject
        {
            ["took"] = 1,
            ["timed_out"] = false,
            ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["skipped"] = 0, ["failed"] = 0 },
            ["hits"] = new JsonObject
            {
                ["total"] = new JsonObject { ["value"] = 500, ["relation"] = "eq" },
                ["hits"] = new JsonArray(sources.Select(s => (JsonNode)new JsonObject
                {
                    ["_index"] = "orders-projection-state",
                    ["_id"] = "x",
                    ["_source"] = JsonSerializer.SerializeToNode(s, ReadModelJson.Default.ProjectionStateDocument),
                }).ToArray()),
            },
        }.ToJsonString();
}
