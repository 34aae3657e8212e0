using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Mongo;
using Orders.Specs.Projections.Contracts;

namespace Orders.Specs.Projections.Mongo;

/// <summary>The order documents' contract against a real MongoDB server; skipped, spec by spec, when none is configured.</summary>
public sealed class MongoOrderDocumentStoreContract : OrderDocumentStoreContract
{
    readonly MongoSpecDatabase _database = new();

    protected override string UnavailableReason => MongoSpecDatabase.UnavailableReason;

    protected override Task<IProjectionStore<OrderDocument>?> OpenAsync() =>
        Task.FromResult<IProjectionStore<OrderDocument>?>(_database.Open() is { } opened ? new MongoOrderDocumentStore(opened) : null);

    protected override Task DropAsync() => _database.DropAsync();
}
