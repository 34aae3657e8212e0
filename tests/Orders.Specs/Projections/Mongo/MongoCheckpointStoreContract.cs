using MongoDB.Driver;
using Orders.Projections;
using Orders.Projections.Mongo;
using Orders.Specs.Projections.Contracts;

namespace Orders.Specs.Projections.Mongo;

/// <summary>
/// The checkpoint store against a real MongoDB server (<c>Orders__Documents__ConnectionString</c>), in a database of
/// its own that is dropped afterwards. Skipped, spec by spec, when no server is configured.
/// </summary>
public sealed class MongoCheckpointStoreContract : CheckpointStoreContract
{
    const string Variable = "Orders__Documents__ConnectionString";

    readonly string database = "orders_specs_" + Guid.NewGuid().ToString("N");

    MongoClient? client;

    protected override string UnavailableReason => $"Needs a MongoDB server: set {Variable} (e.g. mongodb://localhost:27017).";

    protected override Task<ICheckpointStore?> OpenAsync(string follower)
    {
        if (ServerSetting(Variable) is not { } connectionString)
            return Task.FromResult<ICheckpointStore?>(null);
        client ??= new MongoClient(connectionString);
        return Task.FromResult<ICheckpointStore?>(new MongoCheckpointStore(client.GetDatabase(database), follower));
    }

    protected override async Task DropAsync()
    {
        if (client is null)
            return;
        await client.DropDatabaseAsync(database);
        client.Dispose();
    }
}
