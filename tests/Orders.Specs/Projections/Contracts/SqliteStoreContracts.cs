using Microsoft.Data.Sqlite;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Search;
using Orders.Projections.Sqlite;

namespace Orders.Specs.Projections.Contracts;

/// <summary>
/// A read-model file in a temporary folder, and the stores opened over it. The SQLite stores run the contracts too,
/// so that the contracts are known to hold for the embedded stores that define the behaviour.
/// </summary>
sealed class SqliteContractFile
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "orders-contract-" + Guid.NewGuid().ToString("N"));
    readonly List<IDisposable> opened = [];
    SqliteReadModelFile? file;

    public T Open<T>(Func<SqliteReadModelFile, T> store) where T : IDisposable
    {
        file ??= new SqliteReadModelFile(Path.Combine(folder, "orders.read.db"));
        var opening = store(file);
        opened.Add(opening);
        return opening;
    }

    public void Drop()
    {
        foreach (var store in opened)
            store.Dispose();
        file?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

public sealed class SqliteOrderDocumentStoreContract : OrderDocumentStoreContract
{
    readonly SqliteContractFile file = new();

    protected override Task<IProjectionStore<OrderDocument>> OpenAsync() =>
        Task.FromResult<IProjectionStore<OrderDocument>>(file.Open(f => new SqliteOrderDocumentStore(f)));

    protected override Task DropAsync()
    {
        file.Drop();
        return Task.CompletedTask;
    }

    [Fact]
    public override Task A_newer_version_replaces_the_document_and_an_older_or_equal_one_is_ignored() => base.A_newer_version_replaces_the_document_and_an_older_or_equal_one_is_ignored();

    [Fact]
    public override Task Committing_the_same_batch_again_changes_nothing_and_does_not_fail() => base.Committing_the_same_batch_again_changes_nothing_and_does_not_fail();

    [Fact]
    public override Task Loading_returns_the_documents_of_the_orders_that_have_one() => base.Loading_returns_the_documents_of_the_orders_that_have_one();

    [Fact]
    public override Task The_checkpoint_outlives_the_store_and_a_commit_without_one_keeps_it() => base.The_checkpoint_outlives_the_store_and_a_commit_without_one_keeps_it();

    [Fact]
    public override Task Parked_events_are_listed_in_log_order_whole_and_leave_when_released() => base.Parked_events_are_listed_in_log_order_whole_and_leave_when_released();

    [Fact]
    public override Task Resetting_forgets_the_documents_the_checkpoint_and_the_parked_events() => base.Resetting_forgets_the_documents_the_checkpoint_and_the_parked_events();

    [Fact]
    public override Task A_runner_over_the_store_converges_to_the_fold_of_the_log_through_failed_commits() => base.A_runner_over_the_store_converges_to_the_fold_of_the_log_through_failed_commits();

    [Fact]
    public override Task The_query_reads_every_field_back_exactly_as_stored() => base.The_query_reads_every_field_back_exactly_as_stored();
}

public sealed class SqliteSearchStoreContract : SearchStoreContract
{
    readonly SqliteContractFile file = new();

    protected override Task<IProjectionStore<SearchDocument>> OpenAsync() =>
        Task.FromResult<IProjectionStore<SearchDocument>>(file.Open(f => new SqliteSearchStore(f)));

    protected override Task DropAsync()
    {
        file.Drop();
        return Task.CompletedTask;
    }

    [Fact]
    public override Task A_newer_version_replaces_the_document_and_an_older_or_equal_one_is_ignored() => base.A_newer_version_replaces_the_document_and_an_older_or_equal_one_is_ignored();

    [Fact]
    public override Task Committing_the_same_batch_again_changes_nothing_and_does_not_fail() => base.Committing_the_same_batch_again_changes_nothing_and_does_not_fail();

    [Fact]
    public override Task Loading_returns_the_documents_of_the_orders_that_have_one() => base.Loading_returns_the_documents_of_the_orders_that_have_one();

    [Fact]
    public override Task The_checkpoint_outlives_the_store_and_a_commit_without_one_keeps_it() => base.The_checkpoint_outlives_the_store_and_a_commit_without_one_keeps_it();

    [Fact]
    public override Task Parked_events_are_listed_in_log_order_whole_and_leave_when_released() => base.Parked_events_are_listed_in_log_order_whole_and_leave_when_released();

    [Fact]
    public override Task Resetting_forgets_the_documents_the_checkpoint_and_the_parked_events() => base.Resetting_forgets_the_documents_the_checkpoint_and_the_parked_events();

    [Fact]
    public override Task A_runner_over_the_store_converges_to_the_fold_of_the_log_through_failed_commits() => base.A_runner_over_the_store_converges_to_the_fold_of_the_log_through_failed_commits();

    [Fact]
    public override Task An_empty_search_lists_every_order_newest_first_then_by_id() => base.An_empty_search_lists_every_order_newest_first_then_by_id();

    [Fact]
    public override Task Pages_split_the_matches_without_overlap_and_count_them_all() => base.Pages_split_the_matches_without_overlap_and_count_them_all();

    [Fact]
    public override Task A_newer_version_replaces_the_indexed_text_and_an_older_one_is_ignored() => base.A_newer_version_replaces_the_indexed_text_and_an_older_one_is_ignored();

    [Fact]
    public override Task Page_numbers_start_at_one_and_sizes_stay_within_a_hundred() => base.Page_numbers_start_at_one_and_sizes_stay_within_a_hundred();

    [Theory]
    [MemberData(nameof(PhrasePrefixCases))]
    public override Task Search_matches_the_words_of_a_title_or_description_in_order_the_last_one_as_a_prefix(string text, int[] expected) =>
        base.Search_matches_the_words_of_a_title_or_description_in_order_the_last_one_as_a_prefix(text, expected);

    [Theory]
    [MemberData(nameof(QuerySyntax))]
    public override Task Query_syntax_in_the_search_text_is_taken_as_words_and_never_fails(string text) =>
        base.Query_syntax_in_the_search_text_is_taken_as_words_and_never_fails(text);
}
