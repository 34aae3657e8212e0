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
    readonly string database = "orders_specs_" + Guid.NewGuid().ToString("N");

    MongoClient? client;

    protected override Task<IProjectionStore<OrderDocument>> OpenAsync()
    {
        if (MongoServer.ConnectionString is not { } connectionString)
            return Task.FromResult<IProjectionStore<OrderDocument>>(null!);
        client ??= new MongoClient(connectionString);
        return Task.FromResult<IProjectionStore<OrderDocument>>(new MongoOrderDocumentStore(client.GetDatabase(database)));
    }

    protected override async Task DropAsync()
    {
        if (client is null)
            return;
        await client.DropDatabaseAsync(database);
        client.Dispose();
    }

    [MongoFact]
    public override Task A_newer_version_replaces_the_document_and_an_older_or_equal_one_is_ignored() => base.A_newer_version_replaces_the_document_and_an_older_or_equal_one_is_ignored();

    [MongoFact]
    public override Task Committing_the_same_batch_again_changes_nothing_and_does_not_fail() => base.Committing_the_same_batch_again_changes_nothing_and_does_not_fail();

    [MongoFact]
    public override Task Loading_returns_the_documents_of_the_orders_that_have_one() => base.Loading_returns_the_documents_of_the_orders_that_have_one();

    [MongoFact]
    public override Task The_checkpoint_outlives_the_store_and_a_commit_without_one_keeps_it() => base.The_checkpoint_outlives_the_store_and_a_commit_without_one_keeps_it();

    [MongoFact]
    public override Task Parked_events_are_listed_in_log_order_whole_and_leave_when_released() => base.Parked_events_are_listed_in_log_order_whole_and_leave_when_released();

    [MongoFact]
    public override Task Resetting_forgets_the_documents_the_checkpoint_and_the_parked_events() => base.Resetting_forgets_the_documents_the_checkpoint_and_the_parked_events();

    [MongoFact]
    public override Task A_runner_over_the_store_converges_to_the_fold_of_the_log_through_failed_commits() => base.A_runner_over_the_store_converges_to_the_fold_of_the_log_through_failed_commits();

    [MongoFact]
    public override Task The_query_reads_every_field_back_exactly_as_stored() => base.The_query_reads_every_field_back_exactly_as_stored();
}
