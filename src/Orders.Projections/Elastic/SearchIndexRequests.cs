using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Elastic.Transport;
using HttpMethod = Elastic.Transport.HttpMethod;
using Orders.Projections.Documents;
using Orders.Projections.Search;

namespace Orders.Projections.Elastic;

/// <summary>
/// The requests <see cref="ElasticSearchStore"/> sends for the search documents, built as JSON so that the specs pin
/// exactly what goes over the wire.
/// </summary>
public static class SearchIndexRequests
{
    /// <summary>
    /// Creates the index with an explicit, strict mapping of the order document. Item titles and descriptions are
    /// analysed text (the standard analyser lower-cases, so search ignores case); an array of them keeps a position
    /// gap between values, so a phrase never runs from one item into the next. The timestamps are <c>date_nanos</c>,
    /// so that orders sort by the full precision of <c>createdAt</c>, as the embedded index does, before falling back
    /// to the id.
    /// </summary>
    public static ElasticRequest CreateIndex(string index) =>
        new(HttpMethod.PUT, $"/{index}", Json(new JsonObject
        {
            ["mappings"] = new JsonObject
            {
                ["dynamic"] = "strict",
                ["properties"] = new JsonObject
                {
                    ["orderId"] = Type("keyword"),
                    ["accountEmail"] = Type("keyword"),
                    ["deliveryAddress"] = Type("text"),
                    ["shopItems"] = new JsonObject
                    {
                        ["properties"] = new JsonObject
                        {
                            ["id"] = Type("keyword"),
                            ["title"] = Type("text"),
                            ["description"] = Type("text"),
                            ["quantity"] = Type("integer"),
                            ["price"] = Money(),
                        },
                    },
                    ["totalPrice"] = Money(),
                    ["status"] = Type("keyword"),
                    ["paid"] = Type("boolean"),
                    ["submitted"] = Type("boolean"),
                    ["completed"] = Type("boolean"),
                    ["canceled"] = Type("boolean"),
                    ["cancelReason"] = Type("text"),
                    ["payment"] = new JsonObject
                    {
                        ["properties"] = new JsonObject
                        {
                            ["paymentId"] = Type("keyword"),
                            ["timestamp"] = Type("date_nanos"),
                        },
                    },
                    ["deliveredTime"] = Type("date_nanos"),
                    ["createdAt"] = Type("date_nanos"),
                    ["updatedAt"] = Type("date_nanos"),
                    ["version"] = Type("long"),
                },
            },
        }));

    public static ElasticRequest DeleteIndex(string index) => new(HttpMethod.DELETE, $"/{index}");

    /// <summary>
    /// Indexes every document with external versioning: Elasticsearch keeps a document only when its stream version
    /// is higher than the stored one and answers 409 otherwise, so an older or repeated write changes nothing.
    /// No refresh is forced: a forced refresh per bulk writes one small segment per batch, which under a steady
    /// stream of small batches costs more merging than the indexing itself. The documents become searchable at the
    /// index's next scheduled refresh (1 s by default); read-your-writes is promised for <c>GET</c>, which reads
    /// the other store, and the runner's own reads (<c>_mget</c>, by id) are real-time.
    /// </summary>
    public static ElasticRequest IndexDocuments(string index, IEnumerable<OrderDocument> documents)
    {
        var body = new StringBuilder();
        foreach (var document in documents)
        {
            body.Append(Line(new JsonObject
            {
                ["index"] = new JsonObject
                {
                    ["_index"] = index,
                    ["_id"] = Key(document.OrderId),
                    ["version"] = document.Version,
                    ["version_type"] = "external",
                },
            }));
            body.Append(JsonSerializer.Serialize(document, ReadModelJson.Default.OrderDocument)).Append('\n');
        }
        return new(HttpMethod.POST, "/_bulk", body.ToString());
    }

    /// <summary>Several documents by id, as of their last write (<c>_mget</c> is real-time: no refresh needed).</summary>
    public static ElasticRequest GetDocuments(string index, IEnumerable<Guid> orderIds) =>
        new(HttpMethod.POST, $"/{index}/_mget", Json(new JsonObject
        {
            ["ids"] = new JsonArray(orderIds.Select(id => (JsonNode)Key(id)).ToArray()),
        }));

    /// <summary>The document's metadata only: its <c>_version</c> is the stream version (external versioning).</summary>
    public static ElasticRequest GetVersion(string index, Guid orderId) =>
        new(HttpMethod.GET, $"/{index}/_doc/{Key(orderId)}?_source=false");

    /// <summary>
    /// The original service's search: the text as a phrase whose last word is a prefix, in any item's title or
    /// description; every order when the text is blank. Newest first, then by id so that pages are stable, with an
    /// exact total.
    /// </summary>
    public static ElasticRequest Search(string index, string? text, SearchPage page) =>
        new(HttpMethod.POST, $"/{index}/_search", Json(new JsonObject
        {
            ["query"] = string.IsNullOrWhiteSpace(text)
                ? new JsonObject { ["match_all"] = new JsonObject() }
                : new JsonObject
                {
                    ["bool"] = new JsonObject
                    {
                        ["should"] = new JsonArray(PhrasePrefix("shopItems.title", text), PhrasePrefix("shopItems.description", text)),
                        ["minimum_should_match"] = 1,
                    },
                },
            ["sort"] = new JsonArray(Order("createdAt", "desc"), Order("orderId", "asc")),
            ["from"] = page.Offset,
            ["size"] = page.Size,
            ["track_total_hits"] = true,
        }));

    public static string Key(Guid orderId) => orderId.ToString("D");

    internal static JsonObject Type(string type) => new() { ["type"] = type };

    internal static JsonObject Order(string field, string order) => new() { [field] = new JsonObject { ["order"] = order } };

    internal static string Json(JsonNode node) => node.ToJsonString();

    internal static string Line(JsonNode node) => node.ToJsonString() + "\n";

    /// <summary>Prices have at most two fraction digits; the source keeps the exact value either way.</summary>
    static JsonObject Money() => new() { ["type"] = "scaled_float", ["scaling_factor"] = 100 };

    static JsonObject PhrasePrefix(string field, string text) =>
        new() { ["match_phrase_prefix"] = new JsonObject { [field] = new JsonObject { ["query"] = text } } };
}
