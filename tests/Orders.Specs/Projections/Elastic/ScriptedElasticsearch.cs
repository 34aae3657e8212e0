using System.Text;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace Orders.Specs.Projections.Elastic;

/// <summary>
/// The HTTP end of the Elasticsearch client replaced by a script: it records each request the client sends (method,
/// path and query, content type, body) and answers with canned bodies in the shapes Elasticsearch documents. It
/// shows what the store sends and what it does with an answer; it says nothing about what a server would answer.
/// </summary>
sealed class ScriptedElasticsearch : IRequestInvoker
{
    readonly InMemoryRequestInvoker responses = new();

    public List<SentRequest> Sent { get; } = [];

    /// <summary>The status and body for a request; by default 200 with an empty object.</summary>
    public Func<SentRequest, (int Status, string Body)> Answer { get; set; } = _ => (200, "{}");

    public ElasticsearchClient Client() =>
        new(new ElasticsearchClientSettings(new SingleNodePool(new Uri("http://search.invalid:9200")), this));

    public ResponseFactory ResponseFactory => responses.ResponseFactory;

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
            endpoint.Method.ToString(), endpoint.PathAndQuery, boundConfiguration.ContentType,
            body.Length == 0 ? null : Encoding.UTF8.GetString(body.ToArray()));
        Sent.Add(sent);
        var (status, answer) = Answer(sent);
        return await responses.BuildResponseAsync<TResponse>(
            endpoint, boundConfiguration, postData, cancellationToken, Encoding.UTF8.GetBytes(answer), status, "application/json");
    }

    public void Dispose() => ((IDisposable)responses).Dispose();
}

sealed record SentRequest(string Method, string Path, string? ContentType, string? Body)
{
    public override string ToString() => $"{Method} {Path}";
}
