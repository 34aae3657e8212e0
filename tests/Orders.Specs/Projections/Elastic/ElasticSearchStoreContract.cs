using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Orders.Projections;
using Orders.Projections.Elastic;
using Orders.Projections.Search;
using Orders.Specs.Projections.Contracts;

namespace Orders.Specs.Projections.Elastic;

/// <summary>
/// The search store's contract against a real Elasticsearch server (<c>Orders__Search__Url</c>), in indices of its
/// own that are deleted afterwards. Skipped, spec by spec, when no server is configured.
/// </summary>
public sealed class ElasticSearchStoreContract : SearchStoreContract
{
    readonly string index = "orders-specs-" + Guid.NewGuid().ToString("N");
    readonly List<ElasticSearchStore> opened = [];

    ElasticsearchClient? client;

    protected override Task<IProjectionStore<SearchDocument>> OpenAsync()
    {
        if (ElasticServer.Url is not { } url)
            return Task.FromResult<IProjectionStore<SearchDocument>>(null!);
        client ??= new ElasticsearchClient(new Uri(url));
        var store = new ElasticSearchStore(client, index);
        opened.Add(store);
        return Task.FromResult<IProjectionStore<SearchDocument>>(store);
    }

    protected override async Task DropAsync()
    {
        if (client is null)
            return;
        foreach (var name in new[] { index, ElasticSearchStore.StateIndexOf(index) })
            await client.Transport.RequestAsync<StringResponse>(global::Elastic.Transport.HttpMethod.DELETE, "/" + name, CancellationToken.None);
        foreach (var store in opened)
            store.Dispose();
    }

    [ElasticFact]
    public override Task A_newer_version_replaces_the_document_and_an_older_or_equal_one_is_ignored() => base.A_newer_version_replaces_the_document_and_an_older_or_equal_one_is_ignored();

    [ElasticFact]
    public override Task Committing_the_same_batch_again_changes_nothing_and_does_not_fail() => base.Committing_the_same_batch_again_changes_nothing_and_does_not_fail();

    [ElasticFact]
    public override Task Loading_returns_the_documents_of_the_orders_that_have_one() => base.Loading_returns_the_documents_of_the_orders_that_have_one();

    [ElasticFact]
    public override Task The_checkpoint_outlives_the_store_and_a_commit_without_one_keeps_it() => base.The_checkpoint_outlives_the_store_and_a_commit_without_one_keeps_it();

    [ElasticFact]
    public override Task Parked_events_are_listed_in_log_order_whole_and_leave_when_released() => base.Parked_events_are_listed_in_log_order_whole_and_leave_when_released();

    [ElasticFact]
    public override Task Resetting_forgets_the_documents_the_checkpoint_and_the_parked_events() => base.Resetting_forgets_the_documents_the_checkpoint_and_the_parked_events();

    [ElasticFact]
    public override Task A_runner_over_the_store_converges_to_the_fold_of_the_log_through_failed_commits() => base.A_runner_over_the_store_converges_to_the_fold_of_the_log_through_failed_commits();

    [ElasticFact]
    public override Task An_empty_search_lists_every_order_newest_first_then_by_id() => base.An_empty_search_lists_every_order_newest_first_then_by_id();

    [ElasticFact]
    public override Task Pages_split_the_matches_without_overlap_and_count_them_all() => base.Pages_split_the_matches_without_overlap_and_count_them_all();

    [ElasticFact]
    public override Task A_newer_version_replaces_the_indexed_text_and_an_older_one_is_ignored() => base.A_newer_version_replaces_the_indexed_text_and_an_older_one_is_ignored();

    [ElasticFact]
    public override Task Page_numbers_start_at_one_and_sizes_stay_within_a_hundred() => base.Page_numbers_start_at_one_and_sizes_stay_within_a_hundred();

    [ElasticTheory]
    [MemberData(nameof(PhrasePrefixCases))]
    public override Task Search_matches_the_words_of_a_title_or_description_in_order_the_last_one_as_a_prefix(string text, int[] expected) =>
        base.Search_matches_the_words_of_a_title_or_description_in_order_the_last_one_as_a_prefix(text, expected);

    [ElasticTheory]
    [MemberData(nameof(QuerySyntax))]
    public override Task Query_syntax_in_the_search_text_is_taken_as_words_and_never_fails(string text) =>
        base.Query_syntax_in_the_search_text_is_taken_as_words_and_never_fails(text);
}
