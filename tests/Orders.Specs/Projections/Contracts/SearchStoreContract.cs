using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Search;

namespace Orders.Specs.Projections.Contracts;

/// <summary>The search index's store: the projection store's contract, and the search the API serves.</summary>
public abstract class SearchStoreContract : ProjectionStoreContract<OrderDocument>
{
    protected override OrderProjection<OrderDocument> Projection => OrderDocumentProjection.Search;

    ISearchQueries Queries => (ISearchQueries)Store;

    /// <summary>
    /// Makes what was committed visible to search. Search is near-real-time on a server store (nothing forces a
    /// refresh per commit), so a spec against one refreshes first, as the index's next scheduled refresh would.
    /// </summary>
    protected virtual Task RefreshAsync() => Task.CompletedTask;

    async Task<SearchResult> SearchAsync(string? text, SearchPage page)
    {
        await RefreshAsync();
        return await Queries.SearchAsync(text, page);
    }

    protected override OrderDocument Document(Guid orderId, long version, string title) =>
        TestDocuments.Pending(orderId, Monday, version, new ShopItemDocument("sku-1", title, "", 1, 10m));

    /// <summary>Order <paramref name="number"/> (its id's first bytes), created at <paramref name="createdAt"/>.</summary>
    static OrderDocument Order(int number, DateTimeOffset createdAt, params (string Title, string Description)[] items) =>
        TestDocuments.Pending(
            new Guid(number, 0, 0, new byte[8]),
            createdAt,
            version: 0,
            items.Select((item, i) => new ShopItemDocument($"sku-{i}", item.Title, item.Description, 1, 10m)).ToArray());

    static int Number(OrderDocument document) => BitConverter.ToInt32(document.OrderId.ToByteArray(), 0);

    static SearchPage Page(int number, int size) => SearchPage.Of(number, size).Page!;

    async Task<int[]> Found(string? text, int page = 1, int size = 100) =>
        (await SearchAsync(text, Page(page, size))).Orders.Select(Number).ToArray();

    Task StoreShop() => CommitAsync(
    [
        Order(1, Monday, ("Blue shirt", "Cotton, slim fit"), ("Red socks", "Wool")),
        Order(2, Monday.AddHours(1), ("Shirt rack", "Holds blue shirts")),
        Order(3, Monday.AddHours(2), ("Coffee beans", "Dark roast 1kg")),
    ]);

    public static TheoryData<string, int[]> PhrasePrefixCases => new()
    {
        { "blue shirt", [2, 1] },
        { "blue shirt r", [] },
        { "red socks", [1] },
        { "blue sh", [2, 1] },
        { "RED SoCKS", [1] },
        { "shi", [2, 1] },
        { "cotton, slim f", [1] },
        { "dark roast 1", [3] },
        { "shirt blue", [] },
        { "shirt cotton", [] },
        { "socks wool", [] },
        { "buyer1", [] },
    };

    [SkippableTheory]
    [MemberData(nameof(PhrasePrefixCases))]
    public async Task Search_matches_the_words_of_a_title_or_description_in_order_the_last_one_as_a_prefix(string text, int[] expected)
    {
        await StoreShop();

        Assert.Equal(expected, await Found(text));
    }

    public static TheoryData<string> QuerySyntax => new()
    {
        "\"", "\"blue", "blue\" OR \"coffee", "*", "blue*", "NEAR(blue shirt)", "items.title:blue",
        "-blue ^shirt (AND) OR NOT", "'; DROP TABLE search_documents; --", "\uE000", "🙂", "!!!", "{\"match_all\":{}}",
    };

    [SkippableTheory]
    [MemberData(nameof(QuerySyntax))]
    public async Task Query_syntax_in_the_search_text_is_taken_as_words_and_never_fails(string text)
    {
        await StoreShop();

        var result = await SearchAsync(text, SearchPage.First);

        Assert.DoesNotContain(result.Orders, d => Number(d) == 3);
        Assert.Equal(3, (await SearchAsync(null, SearchPage.First)).TotalCount);
    }

    [SkippableFact]
    public async Task An_empty_search_lists_every_order_newest_first_then_by_id()
    {
        await CommitAsync([Order(5, Monday), Order(4, Monday), Order(6, Monday.AddDays(1)), Order(7, Monday.AddDays(-1)), Order(8, Monday.AddTicks(1))]);

        Assert.Equal(new[] { 6, 8, 4, 5, 7 }, await Found(null));
        Assert.Equal(new[] { 6, 8, 4, 5, 7 }, await Found("  "));
    }

    [SkippableFact]
    public async Task Pages_split_the_matches_without_overlap_and_count_them_all()
    {
        await CommitAsync(Enumerable.Range(1, 25).Select(n => Order(n, Monday.AddMinutes(n % 7), ("Blue shirt", ""))).ToArray());

        var pages = new List<int>();
        for (var page = 1; page <= 3; page++)
        {
            var result = await SearchAsync("blue", Page(page, 10));
            Assert.Equal(25, result.TotalCount);
            Assert.Equal(page < 3 ? 10 : 5, result.Orders.Count);
            pages.AddRange(result.Orders.Select(Number));
        }

        Assert.Equal(Enumerable.Range(1, 25), pages.Order());
        Assert.Equal(pages, await Found("blue", 1, 100));
        Assert.Empty((await SearchAsync("blue", Page(4, 10))).Orders);
    }

    /// <summary>A store may keep a query's matches aside while it pages them; the next query must not see them.</summary>
    [SkippableFact]
    public async Task Each_search_counts_only_its_own_matches()
    {
        await StoreShop();

        var shirts = await SearchAsync("shirt", Page(1, 1));
        var coffee = await SearchAsync("coffee", Page(1, 1));
        var nothing = await SearchAsync("tea", Page(1, 1));
        var again = await SearchAsync("shirt", Page(2, 1));

        Assert.Equal("2: 2", Summary(shirts));
        Assert.Equal("1: 3", Summary(coffee));
        Assert.Equal("0: ", Summary(nothing));
        Assert.Equal("2: 1", Summary(again));

        static string Summary(SearchResult result) => $"{result.TotalCount}: {string.Join(",", result.Orders.Select(Number))}";
    }

    [SkippableFact]
    public async Task A_newer_version_replaces_the_indexed_text_and_an_older_one_is_ignored()
    {
        var first = Order(1, Monday, ("Blue shirt", ""));
        await CommitAsync([first]);
        await CommitAsync([Order(1, Monday, ("Green hat", "")) with { Version = 2 }]);
        await CommitAsync([Order(1, Monday, ("Red socks", "")) with { Version = 1 }]);

        Assert.Empty(await Found("blue"));
        Assert.Equal(new[] { 1 }, await Found("green"));
        Assert.Empty(await Found("red"));
    }

    [SkippableFact]
    public async Task A_hit_is_the_whole_order_document_as_stored()
    {
        var document = TestDocuments.EveryFieldSet(Guid.NewGuid(), Monday);
        await CommitAsync([document]);

        var hit = Assert.Single((await SearchAsync("desk la", SearchPage.First)).Orders);

        Assert.Equal(Json(document), Json(hit));
    }

    /// <summary>
    /// The deepest page a store is asked for ends at the result window; Elasticsearch refuses a <c>from + size</c>
    /// beyond it, so every store must serve up to it.
    /// </summary>
    [SkippableFact]
    public async Task The_page_that_ends_at_the_result_window_is_served()
    {
        await StoreShop();

        var deepest = await SearchAsync(null, Page(SearchPage.ResultWindow / SearchPage.MaxSize, SearchPage.MaxSize));

        Assert.Equal(3, deepest.TotalCount);
        Assert.Empty(deepest.Orders);
    }
}
