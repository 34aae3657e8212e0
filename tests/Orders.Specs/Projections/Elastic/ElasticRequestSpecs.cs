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
/// bulk, the search, the checkpoint and parked-event requests. No server needed.
/// </summary>
public sealed class ElasticRequestSpecs
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

    /// <summary>A request as JSON: a bulk body as the array of its lines, each parsed.</summary>
    static JsonObject Render(ElasticRequest request) =>
        new()
        {
            ["method"] = request.Method.ToString(),
            ["path"] = request.Path,
            ["body"] = request.Body is null ? null
                : request.IsBulk ? new JsonArray(request.Body.TrimEnd('\n').Split('\n').Select(line => JsonNode.Parse(line)).ToArray())
                : JsonNode.Parse(request.Body),
        };

    static void Verify(string name, params ElasticRequest[] requests) =>
        ApprovedFile.Verify(new JsonArray(requests.Select(r => (JsonNode)Render(r)).ToArray()).ToJsonString(Indented), name);

    [Fact]
    public void The_indices_are_created_with_explicit_strict_mappings()
    {
        Verify("elastic.create-indices",
            SearchIndexRequests.CreateIndex("orders"),
            ProjectionStateRequests.CreateIndex(ElasticSearchStore.StateIndexOf("orders")));
    }

    [Fact]
    public void Documents_are_written_as_one_bulk_with_the_stream_version_as_external_version()
    {
        var bulk = SearchIndexRequests.IndexDocuments("orders", [Shirts, Beans]);

        Verify("elastic.commit-documents", bulk);
        var body = bulk.Body!;
        Assert.EndsWith("}\n", body, StringComparison.Ordinal);
        Assert.Equal(4, body.Count(c => c == '\n'));
        var source = JsonSerializer.Deserialize(body.Split('\n')[1], ReadModelJson.Default.OrderDocument);
        Assert.Equal(DocumentJson.Write(Shirts), DocumentJson.Write(source));
    }

    [Fact]
    public void A_commit_then_parks_and_releases_and_last_moves_the_checkpoint()
    {
        var state = ElasticSearchStore.StateIndexOf("orders");

        Verify("elastic.commit-state",
            ProjectionStateRequests.ParkAndRelease(state, [Held], [Poison]),
            ProjectionStateRequests.WriteCheckpoint(state, "search", new LogPosition(1043, 1043)));
    }

    [Fact]
    public void A_lease_is_taken_and_given_up_by_scripted_updates_of_its_document()
    {
        var state = ElasticSearchStore.StateIndexOf("orders");

        Verify("elastic.lease",
            ProjectionStateRequests.AddLeaseMapping(state),
            ProjectionStateRequests.TakeLease(state, "search", "orders-1", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 2, 9, 0, 15, TimeSpan.Zero)),
            ProjectionStateRequests.ReadLease(state, "search"),
            ProjectionStateRequests.ReleaseLease(state, "search", "orders-1"));
    }

    [Fact]
    public void Search_is_a_phrase_prefix_on_titles_or_descriptions_newest_first_with_an_exact_total()
    {
        Verify("elastic.search",
            SearchIndexRequests.Search("orders", "blue sh", SearchPage.Of(3, 10).Page!),
            SearchIndexRequests.Search("orders", "  ", SearchPage.First),
            SearchIndexRequests.Search("orders", null, SearchPage.Of(100, 100).Page!));
    }

    [Fact]
    public void Reads_by_id_are_real_time_and_parked_events_are_paged_in_log_order()
    {
        var state = ElasticSearchStore.StateIndexOf("orders");

        Verify("elastic.reads",
            SearchIndexRequests.GetDocuments("orders", [Shirts.OrderId, Beans.OrderId]),
            SearchIndexRequests.GetVersion("orders", Shirts.OrderId),
            ProjectionStateRequests.ReadCheckpoint(state, "search"),
            ProjectionStateRequests.ListParked(state, "search", 500, after: null),
            ProjectionStateRequests.ListParked(state, "search", 500, after: new LogPosition(1042, 1040)));
    }

    [Fact]
    public void A_reset_forgets_the_checkpoint_and_parked_events_then_drops_the_index_to_create_it_again()
    {
        Verify("elastic.reset",
            ProjectionStateRequests.ForgetCheckpoint(ElasticSearchStore.StateIndexOf("orders"), "search"),
            ProjectionStateRequests.ForgetParked(ElasticSearchStore.StateIndexOf("orders"), "search"),
            SearchIndexRequests.DeleteIndex("orders"));
    }

    [Fact]
    public void A_parked_event_survives_the_trip_through_its_json_whole()
    {
        foreach (var parked in new[] { Poison, Held })
        {
            var read = ProjectionStateRequests.ParkedFrom(JsonNode.Parse(ProjectionStateRequests.Parked(parked).ToJsonString())!);
            Assert.Equal(parked with { Event = parked.Event with { Data = default, Metadata = default } },
                read with { Event = read.Event with { Data = default, Metadata = default } });
            Assert.Equal(parked.Event.Created.Offset, read.Event.Created.Offset);
            Assert.Equal(parked.Event.Data.ToArray(), read.Event.Data.ToArray());
            Assert.Equal(parked.Event.Metadata.ToArray(), read.Event.Metadata.ToArray());
        }
    }

    [Fact]
    public void A_bulk_item_refused_for_an_older_version_is_done_and_any_other_item_error_fails()
    {
        var answer = JsonNode.Parse("""
            {"took":3,"errors":true,"items":[
              {"index":{"_index":"orders","_id":"a","_version":4,"result":"created","status":201}},
              {"index":{"_index":"orders","_id":"b","status":409,"error":{"type":"version_conflict_engine_exception","reason":"[b]: version conflict, current version [5] is higher or equal to the one provided [5]"}}},
              {"index":{"_index":"orders","_id":"c","status":400,"error":{"type":"document_parsing_exception","reason":"strict_dynamic_mapping_exception"}}},
              {"index":{"_index":"orders","_id":"d","status":429,"error":{"type":"es_rejected_execution_exception","reason":"queue full"}}}
            ]}
            """)!;

        var failed = ElasticSearchStore.FailedItems(answer, ElasticSearchStore.VersionConflict);

        Assert.Equal(2, failed.Count);
        Assert.Contains("document_parsing_exception", failed[0], StringComparison.Ordinal);
        Assert.Contains("es_rejected_execution_exception", failed[1], StringComparison.Ordinal);
        Assert.Empty(ElasticSearchStore.FailedItems(JsonNode.Parse("""{"errors":false,"items":[]}""")!, ElasticSearchStore.VersionConflict));
    }

    [Fact]
    public void Releasing_an_event_that_is_no_longer_parked_is_done()
    {
        var answer = JsonNode.Parse("""
            {"errors":true,"items":[{"delete":{"_index":"orders-projection-state","_id":"x","result":"not_found","status":404}}]}
            """)!;

        Assert.Empty(ElasticSearchStore.FailedItems(answer, ElasticSearchStore.NotFound));
        Assert.Single(ElasticSearchStore.FailedItems(answer, ElasticSearchStore.VersionConflict));
    }
}
