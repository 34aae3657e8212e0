using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Orders.Host.Health;

/// <summary>Pings the documents database; an unreachable server fails after the probe timeout, not the driver's 30 s.</summary>
public sealed class MongoHealthCheck : IHealthCheck, IDisposable
{
    static readonly BsonDocument Ping = new("ping", 1);

    readonly MongoClient _client;
    readonly IMongoDatabase _database;

    public MongoHealthCheck(string connectionString, string database)
    {
        var settings = MongoClientSettings.FromConnectionString(connectionString);
        settings.ServerSelectionTimeout = HealthRegistration.ProbeTimeout;
        settings.ConnectTimeout = HealthRegistration.ProbeTimeout;
        _client = new MongoClient(settings);
        _database = _client.GetDatabase(database);
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await _database.RunCommandAsync<BsonDocument>(Ping, cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy("MongoDB answered ping");
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("MongoDB unreachable: " + ex.Message, ex);
        }
    }

    public void Dispose() => _client.Dispose();
}
