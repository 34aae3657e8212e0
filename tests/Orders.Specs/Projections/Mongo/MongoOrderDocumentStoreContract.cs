using MongoDB.Driver;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Mongo;
using Orders.Specs.Projections.Contracts;

namespace Orders.Specs.Projections.Mongo;

/// <summary>
/// The order documents' contract against a real MongoDB server (<c>Orders__Documents__ConnectionString</c>), in a
/// database of its own that is dropped afterwards. Skipped, spec by spec, when no server is configured.
/// </summary>
public sealed class MongoOrderDocumentStoreContract : OrderDocumentStoreContract
{
    const string Variable = "Orders__Documents__ConnectionString";

    readonly string database = "orders_specs_" + Guid.NewGuid().ToString("N");

    MongoClient? client;

    protected override string UnavailableReason => $"Needs a MongoDB server: set {Variable} (e.g. mongodb://localhost:27017).";

    protected override Task<IProjectionStore<OrderDocument>?> OpenAsync()
    {
        if (ServerSetting(Variable) is not { } connectionString)
            return Task.FromResult<IProjectionStore<OrderDocument>?>(null);
        client ??= new MongoClient(connectionString);
        return Task.FromResult<IProjectionStore<OrderDocument>?>(new MongoOrderDocumentStore(client.GetDatabase(database)));
    }

    protected override async Task DropAsync()
    {
        if (client is null)
            return;
        await client.DropDatabaseAsync(database);
        client.Dispose();
    }
}
