using MongoDB.Bson;
using MongoDB.Driver;

namespace Orders.Projections.Mongo;

/// <summary>
/// Pings the documents database for the host's readiness probe, with a client of its own whose timeouts are the
/// probe's, not the driver's 30 s. It lives beside the store so that the host never references the driver: a host on
/// the embedded profile does not load it.
/// </summary>
public sealed class MongoPing : IDisposable
{
    static readonly BsonDocument Ping = new("ping", 1);

    readonly MongoClient _client;
    readonly IMongoDatabase _database;

    public MongoPing(string connectionString, string database, TimeSpan timeout)
    {
        var settings = MongoClientSettings.FromConnectionString(connectionString);
        settings.ServerSelectionTimeout = timeout;
        settings.ConnectTimeout = timeout;
        _client = new MongoClient(settings);
        _database = _client.GetDatabase(database);
    }

    /// <summary>Null when the server answered; otherwise why it did not.</summary>
    public async Task<Exception?> FailureAsync(CancellationToken ct)
    {
        try
        {
            await _database.RunCommandAsync<BsonDocument>(Ping, cancellationToken: ct);
            return null;
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException)
        {
            return ex;
        }
    }

    public void Dispose() => _client.Dispose();
}
