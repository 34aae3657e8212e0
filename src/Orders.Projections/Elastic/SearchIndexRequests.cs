using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Elastic.Transport;
using HttpMethod = Elastic.Transport.HttpMethod;
using Orders.Projections.Search;

namespace Orders.Projections.Elastic;

/// <summary>
/// The requests <see cref="ElasticSearchStore"/> sends for the search documents, built as JSON so that the specs pin
/// exactly what goes over the wire.
/// </summary>
public static class SearchIndexRequests
{
    /// <summary>
    /// Creates the index with an explicit, strict mapping. Titles and descriptions are analysed text (the standard
    /// analyser lower-cases, so search ignores case); an array of them keeps a position gap between values, so a
    /// phrase never runs from one item into the next. <c>createdAt</c> is <c>date_nanos</c>, so that orders sort by
    /// the full precision of their timestamps, as the embedded index does, before falling back to the id.
    /// </summary>
    public static ElasticRequest CreateIndex(string index) =>
        new(HttpMethod.PUT, $"/{index}", Json(new JsonObject
        {
            ["mappings"] = new JsonObject
            {
                ["dynamic"] = "strict",
                ["properties"] = new JsonObject
                {
                    ["id"] = Type("keyword"),
                    ["email"] = Type("keyword"),
                    ["address"] = Type("text"),
                    ["items"] = new JsonObject
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
                    ["total"] = Money(),
                    ["status"] = Type("keyword"),
                    ["createdAt"] = Type("date_nanos"),
                    ["version"] = Type("long"),
                },
            },
        }));

    public static ElasticRequest DeleteIndex(string index) => new(HttpMethod.DELETE, $"/{index}");

    /// <summary>
    /// Indexes every document with external versioning: Elasticsearch keeps a document only when its stream version
    /// is higher than the stored one and answers 409 otherwise, so an older or repeated write changes nothing.
    /// <c>refresh=true</c> makes the documents searchable when the commit returns, as a committed SQLite
    /// transaction is; the price is a refresh per batch, which large catch-up batches amortise.
    /// </summary>
    public static ElasticRequest IndexDocuments(string index, IEnumerable<SearchDocument> documents)
    {
        var body = new StringBuilder();
        foreach (var document in documents)
        {
            body.Append(Line(new JsonObject
            {
                ["index"] = new JsonObject
                {
                    ["_index"] = index,
                    ["_id"] = Key(document.Id),
                    ["version"] = document.Version,
                    ["version_type"] = "external",
                },
            }));
            body.Append(JsonSerializer.Serialize(document, ReadModelJson.Default.SearchDocument)).Append('\n');
        }
        return new(HttpMethod.POST, "/_bulk?refresh=true", body.ToString());
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
    public static ElasticRequest Search(string index, string? text, int page, int size) =>
        new(HttpMethod.POST, $"/{index}/_search", Json(new JsonObject
        {
            ["query"] = string.IsNullOrWhiteSpace(text)
                ? new JsonObject { ["match_all"] = new JsonObject() }
                : new JsonObject
                {
                    ["bool"] = new JsonObject
                    {
                        ["should"] = new JsonArray(PhrasePrefix("items.title", text), PhrasePrefix("items.description", text)),
                        ["minimum_should_match"] = 1,
                    },
                },
            ["sort"] = new JsonArray(Order("createdAt", "desc"), Order("id", "asc")),
            ["from"] = (long)(page - 1) * size,
            ["size"] = size,
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
