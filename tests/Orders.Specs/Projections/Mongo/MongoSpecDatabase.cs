using MongoDB.Driver;

namespace Orders.Specs.Projections.Mongo;

/// <summary>
/// A database of its own on the MongoDB server the specs are pointed at (<c>Orders__Documents__ConnectionString</c>),
/// dropped afterwards; none when no server is configured.
/// </summary>
sealed class MongoSpecDatabase
{
    const string Variable = "Orders__Documents__ConnectionString";

    public const string UnavailableReason = $"Needs a MongoDB server: set {Variable} (e.g. mongodb://localhost:27017).";

    readonly string _name = "orders_specs_" + Guid.NewGuid().ToString("N");

    MongoClient? _client;

    public IMongoDatabase? Open()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } connectionString)
            return null;
        _client ??= new MongoClient(connectionString);
        return _client.GetDatabase(_name);
    }

    public async Task DropAsync()
    {
        if (_client is null)
            return;
        await _client.DropDatabaseAsync(_name);
        _client.Dispose();
    }
}
