using System.Text;
using System.Text.Json.Nodes;
using Elastic.Transport;
using HttpMethod = Elastic.Transport.HttpMethod;
using Orders.Decider.Serialization;
using Orders.EventStore;
using static Orders.Projections.Elastic.SearchIndexRequests;

namespace Orders.Projections.Elastic;

/// <summary>
/// The requests for a projection's checkpoint and parked events, kept in a small index of their own beside the
/// documents. Positions are stored as longs, as the other stores keep them.
/// </summary>
public static class ProjectionStateRequests
{
    /// <summary>Only what is filtered and sorted on is indexed; a parked event's body is kept in the source alone.</summary>
    public static ElasticRequest CreateIndex(string stateIndex) =>
        new(HttpMethod.PUT, $"/{stateIndex}", Json(new JsonObject
        {
            ["mappings"] = new JsonObject
            {
                ["dynamic"] = "strict",
                ["properties"] = new JsonObject
                {
                    ["projection"] = Type("keyword"),
                    ["kind"] = Type("keyword"),
                    ["commitPosition"] = Type("long"),
                    ["preparePosition"] = Type("long"),
                    ["parked"] = new JsonObject { ["type"] = "object", ["enabled"] = false },
                    ["lease"] = LeaseMapping(),
                },
            },
        }));

    /// <summary>Adds the lease's field to a state index created before leases were kept there; adding a field is allowed.</summary>
    public static ElasticRequest AddLeaseMapping(string stateIndex) =>
        new(HttpMethod.PUT, $"/{stateIndex}/_mapping", Json(new JsonObject
        {
            ["properties"] = new JsonObject { ["lease"] = LeaseMapping() },
        }));

    /// <summary>
    /// Takes or renews the lease in one scripted update of its document, which Elasticsearch applies atomically: the
    /// script changes it only when nobody holds it, it expired before <paramref name="now"/>, or
    /// <paramref name="holder"/> holds it, and otherwise answers <c>noop</c>. Two instances updating at once meet
    /// a version conflict (409) on one side, which then reads who holds it. Times are Unix milliseconds.
    /// </summary>
    public static ElasticRequest TakeLease(string stateIndex, string projection, string holder, DateTimeOffset now, DateTimeOffset until) =>
        new(HttpMethod.POST, $"/{stateIndex}/_update/{LeaseId(projection)}", Json(new JsonObject
        {
            ["scripted_upsert"] = true,
            ["script"] = new JsonObject
            {
                ["lang"] = "painless",
                ["source"] = "def lease = ctx._source.lease; "
                    + "if (lease == null || lease.holder == params.holder || lease.expires < params.now) { "
                    + "ctx._source.projection = params.projection; ctx._source.kind = 'lease'; "
                    + "ctx._source.lease = ['holder': params.holder, 'expires': params.until]; } "
                    + "else { ctx.op = 'noop'; }",
                ["params"] = new JsonObject
                {
                    ["projection"] = projection,
                    ["holder"] = holder,
                    ["now"] = now.ToUnixTimeMilliseconds(),
                    ["until"] = until.ToUnixTimeMilliseconds(),
                },
            },
            ["upsert"] = new JsonObject(),
        }));

    public static ElasticRequest ReadLease(string stateIndex, string projection) =>
        new(HttpMethod.GET, $"/{stateIndex}/_doc/{LeaseId(projection)}");

    /// <summary>Deletes the lease only if <paramref name="holder"/> still holds it, by the same kind of scripted update.</summary>
    public static ElasticRequest ReleaseLease(string stateIndex, string projection, string holder) =>
        new(HttpMethod.POST, $"/{stateIndex}/_update/{LeaseId(projection)}", Json(new JsonObject
        {
            ["script"] = new JsonObject
            {
                ["lang"] = "painless",
                ["source"] = "if (ctx._source.lease != null && ctx._source.lease.holder == params.holder) { ctx.op = 'delete'; } else { ctx.op = 'noop'; }",
                ["params"] = new JsonObject { ["holder"] = holder },
            },
        }));

    /// <summary>The lease from a <see cref="ReadLease"/> answer's source.</summary>
    public static ProjectionLease? LeaseFrom(JsonNode? source) =>
        source?["lease"] is { } lease
            ? new ProjectionLease((string)lease["holder"]!, DateTimeOffset.FromUnixTimeMilliseconds((long)lease["expires"]!))
            : null;

    /// <summary>
    /// Written after the documents, by a scripted update that moves the checkpoint only forwards (an instance that
    /// lost its lease and commits late changes nothing; Elasticsearch applies the update to the document atomically).
    /// Without a refresh: the checkpoint is only ever read back by id, which is real-time.
    /// </summary>
    public static ElasticRequest WriteCheckpoint(string stateIndex, string projection, LogPosition position) =>
        new(HttpMethod.POST, $"/{stateIndex}/_update/{CheckpointId(projection)}", Json(new JsonObject
        {
            ["scripted_upsert"] = true,
            ["script"] = new JsonObject
            {
                ["lang"] = "painless",
                ["source"] = "def c = ctx._source.commitPosition; def p = ctx._source.preparePosition; "
                    + "if (c == null || params.commit > c || (params.commit == c && params.prepare > p)) { "
                    + "ctx._source.projection = params.projection; ctx._source.kind = 'checkpoint'; "
                    + "ctx._source.commitPosition = params.commit; ctx._source.preparePosition = params.prepare; } "
                    + "else { ctx.op = 'noop'; }",
                ["params"] = new JsonObject
                {
                    ["projection"] = projection,
                    ["commit"] = unchecked((long)position.Commit),
                    ["prepare"] = unchecked((long)position.Prepare),
                },
            },
            ["upsert"] = new JsonObject(),
        }));

    public static ElasticRequest ReadCheckpoint(string stateIndex, string projection) =>
        new(HttpMethod.GET, $"/{stateIndex}/_doc/{CheckpointId(projection)}");

    /// <summary>
    /// Parks and releases in one bulk. <c>refresh=true</c>, because the parked list is read by a search, which sees
    /// only refreshed writes; parking is rare, so the refresh costs little.
    /// </summary>
    public static ElasticRequest ParkAndRelease(string stateIndex, IEnumerable<ParkedEvent> parked, IEnumerable<ParkedEvent> released)
    {
        var body = new StringBuilder();
        foreach (var p in parked)
        {
            body.Append(Line(new JsonObject { ["index"] = new JsonObject { ["_index"] = stateIndex, ["_id"] = ParkedId(p) } }));
            body.Append(Line(Parked(p)));
        }
        foreach (var r in released)
            body.Append(Line(new JsonObject { ["delete"] = new JsonObject { ["_index"] = stateIndex, ["_id"] = ParkedId(r) } }));
        return new(HttpMethod.POST, "/_bulk?refresh=true", body.ToString());
    }

    /// <summary>One page of a projection's parked events in log order, after the position the previous page ended at.</summary>
    public static ElasticRequest ListParked(string stateIndex, string projection, int size, LogPosition? after) =>
        new(HttpMethod.POST, $"/{stateIndex}/_search", Json(new JsonObject
        {
            ["query"] = new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["filter"] = new JsonArray(Term("projection", projection), Term("kind", "parked")),
                },
            },
            ["sort"] = new JsonArray(Order("commitPosition", "asc"), Order("preparePosition", "asc")),
            ["size"] = size,
            ["search_after"] = after is { } position
                ? new JsonArray(unchecked((long)position.Commit), unchecked((long)position.Prepare))
                : null,
        }.WithoutNulls()));

    /// <summary>By id, because a search (as delete-by-query runs) would miss a checkpoint written since the last refresh.</summary>
    public static ElasticRequest ForgetCheckpoint(string stateIndex, string projection) =>
        new(HttpMethod.DELETE, $"/{stateIndex}/_doc/{CheckpointId(projection)}");

    /// <summary>Parked events are written with a refresh, so a delete-by-query sees them all; refreshed, so that a listing right after sees none.</summary>
    public static ElasticRequest ForgetParked(string stateIndex, string projection) =>
        new(HttpMethod.POST, $"/{stateIndex}/_delete_by_query?refresh=true", Json(new JsonObject
        {
            ["query"] = new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["filter"] = new JsonArray(Term("projection", projection), Term("kind", "parked")),
                },
            },
        }));

    public static JsonObject Parked(ParkedEvent parked)
    {
        var e = parked.Event;
        return new JsonObject
        {
            ["projection"] = parked.Projection,
            ["kind"] = "parked",
            ["commitPosition"] = unchecked((long)e.Position.Commit),
            ["preparePosition"] = unchecked((long)e.Position.Prepare),
            ["parked"] = new JsonObject
            {
                ["streamId"] = e.StreamId,
                ["streamVersion"] = e.StreamVersion,
                ["eventId"] = e.EventId.ToString("D"),
                ["type"] = e.Type,
                ["data"] = Convert.ToBase64String(e.Data.Span),
                ["metadata"] = Convert.ToBase64String(e.Metadata.Span),
                ["created"] = GoTime.Format(e.Created),
                ["error"] = parked.Error,
                ["attempts"] = parked.Attempts,
                ["parkedAt"] = GoTime.Format(parked.ParkedAt),
                ["heldBehind"] = parked.HeldBehind,
            },
        };
    }

    public static ParkedEvent ParkedFrom(JsonNode source)
    {
        var body = source["parked"]!;
        var recorded = new RecordedEvent(
            (string)body["streamId"]!,
            (long)body["streamVersion"]!,
            new LogPosition(unchecked((ulong)(long)source["commitPosition"]!), unchecked((ulong)(long)source["preparePosition"]!)),
            Guid.Parse((string)body["eventId"]!),
            (string)body["type"]!,
            Convert.FromBase64String((string)body["data"]!),
            Convert.FromBase64String((string)body["metadata"]!),
            GoTime.Parse((string)body["created"]!));
        return new ParkedEvent(
            (string)source["projection"]!,
            recorded,
            (string)body["error"]!,
            (int)body["attempts"]!,
            GoTime.Parse((string)body["parkedAt"]!),
            (long?)body["heldBehind"]);
    }

    static JsonObject LeaseMapping() => new() { ["type"] = "object", ["enabled"] = false };

    static string LeaseId(string projection) => Uri.EscapeDataString($"lease:{projection}");

    static string CheckpointId(string projection) => Uri.EscapeDataString($"checkpoint:{projection}");

    /// <summary>One document per projection, stream and version, so that parking an event again replaces it.</summary>
    static string ParkedId(ParkedEvent parked) => $"parked:{parked.Projection}:{parked.Event.StreamId}:{parked.Event.StreamVersion}";

    static JsonObject Term(string field, string value) => new() { ["term"] = new JsonObject { [field] = value } };

    static JsonObject WithoutNulls(this JsonObject node)
    {
        foreach (var key in node.Where(p => p.Value is null).Select(p => p.Key).ToList())
            node.Remove(key);
        return node;
    }
}
