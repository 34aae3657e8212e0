using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.IndexManagement;

namespace Orders.Projections.Elastic;

/// <summary>
/// Creates an index with its explicit mapping unless it exists, once per process, before the first request that
/// needs it; a failed attempt is made again by the next request.
/// </summary>
sealed class IndexCreation(ElasticsearchClient client, Func<CreateIndexRequest> request) : IDisposable
{
    readonly SemaphoreSlim _creating = new(1, 1);
    bool _created;

    public async Task EnsureAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _created))
            return;
        await _creating.WaitAsync(ct);
        try
        {
            if (_created)
                return;
            await CreateAsync(ct);
            Volatile.Write(ref _created, true);
        }
        finally
        {
            _creating.Release();
        }
    }

    /// <summary>Creates the index now; one that exists already is left as it is.</summary>
    public async Task CreateAsync(CancellationToken ct) =>
        (await client.Indices.CreateAsync(request(), ct)).Expect(ElasticAnswers.IndexAlreadyExists);

    public void Dispose() => _creating.Dispose();
}
