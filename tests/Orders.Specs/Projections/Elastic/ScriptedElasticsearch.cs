using System.Text;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Orders.Projections.Elastic;

namespace Orders.Specs.Projections.Elastic;

/// <summary>
/// The HTTP end of the Elasticsearch client replaced by a script, an in-process stub and not a server: it records
/// each request the typed client sends (method, path and query, content type, the body's bytes) and answers with
/// canned bodies in the shapes Elasticsearch documents. It shows what the store sends and what it does with an
/// answer; it says nothing about what a server would answer.
/// </summary>
sealed class ScriptedElasticsearch : IRequestInvoker
{
    /// <summary>The client checks once that it talks to Elasticsearch, by this header of the first answer.</summary>
    readonly InMemoryRequestInvoker _responses = new(
        [], 200, null!, "application/json", new() { ["x-elastic-product"] = ["Elasticsearch"] });

    public List<SentRequest> Sent { get; } = [];

    /// <summary>The status and body for a request; by default the empty answer of <see cref="Empty"/>.</summary>
    public Func<SentRequest, (int Status, string Body)> Answer { get; set; } = Empty;

    public ElasticsearchClient Client() => ElasticClients.For(new SingleNodePool(new Uri("http://search.invalid:9200")), this);

    public ResponseFactory ResponseFactory => _responses.ResponseFactory;

    /// <summary>What Elasticsearch answers over empty indices: no hits, no documents, nothing found by id, no bulk errors.</summary>
    public static (int Status, string Body) Empty(SentRequest request) =>
        request switch
        {
            { Path: var path } when path.StartsWith("/_bulk", StringComparison.Ordinal) => (200, """{"took":1,"errors":false,"items":[]}"""),
            { Path: var path } when path.EndsWith("/_search", StringComparison.Ordinal) =>
                (200, """{"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"total":{"value":0,"relation":"eq"},"hits":[]}}"""),
            { Path: var path } when path.EndsWith("/_mget", StringComparison.Ordinal) => (200, """{"docs":[]}"""),
            { Method: "GET", Path: var path } when path.Contains("/_doc/", StringComparison.Ordinal) => (404, """{"_index":"orders","_id":"x","found":false}"""),
            _ => (200, """{"acknowledged":true}"""),
        };

    public TResponse Request<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData)
        where TResponse : TransportResponse, new() =>
        RequestAsync<TResponse>(endpoint, boundConfiguration, postData, CancellationToken.None).GetAwaiter().GetResult();

    public async Task<TResponse> RequestAsync<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData, CancellationToken cancellationToken)
        where TResponse : TransportResponse, new()
    {
        using var body = new MemoryStream();
        if (postData is not null)
            await postData.WriteAsync(body, boundConfiguration.ConnectionSettings, false, cancellationToken);
        var sent = new SentRequest(
            endpoint.Method.ToString(), endpoint.Uri.PathAndQuery, boundConfiguration.ContentType, boundConfiguration.Accept,
            body.Length == 0 ? null : Encoding.UTF8.GetString(body.ToArray()));
        Sent.Add(sent);
        var (status, answer) = Answer(sent);
        return await _responses.BuildResponseAsync<TResponse>(
            endpoint, boundConfiguration, postData, cancellationToken, Encoding.UTF8.GetBytes(answer), status, "application/json");
    }

    public void Dispose() => ((IDisposable)_responses).Dispose();
}

sealed record SentRequest(string Method, string Path, string? ContentType, string? Accept, string? Body)
{
    public bool IsBulk => Path.StartsWith("/_bulk", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Path}";
}
