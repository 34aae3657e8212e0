using Microsoft.Data.Sqlite;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Search;
using Orders.Projections.Sqlite;

namespace Orders.Specs.Projections;

public sealed class SearchSpecs : IDisposable
{
    static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    readonly string folder = Path.Combine(Path.GetTempPath(), "orders-search-" + Guid.NewGuid().ToString("N"));
    readonly SqliteSearchStore store;

    public SearchSpecs() => store = new SqliteSearchStore(new SqliteReadModelFile(Path.Combine(folder, "orders.read.db")));

    public void Dispose()
    {
        store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    static SearchDocument Order(int number, DateTimeOffset createdAt, params (string Title, string Description)[] items) =>
        new(
            new Guid(number, 0, 0, new byte[8]),
            $"buyer{number}@example.com",
            $"{number} Main St",
            items.Select((item, i) => new ShopItemDocument($"sku-{i}", item.Title, item.Description, 1, 10m)).ToArray(),
            10m * items.Length,
            "pending",
            createdAt,
            Version: 0);

    Task Store(params SearchDocument[] documents) =>
        store.CommitAsync(new ProjectionCommit<SearchDocument>(documents, [], [], Checkpoint: null));

    async Task<int[]> Found(string? text, int page = 1, int size = 100) =>
        (await store.SearchAsync(text, page, size)).Items.Select(d => d.Id.ToByteArray()[0] | (d.Id.ToByteArray()[1] << 8)).ToArray();

    Task StoreShop() => Store(
        Order(1, Monday, ("Blue shirt", "Cotton, slim fit"), ("Red socks", "Wool")),
        Order(2, Monday.AddHours(1), ("Shirt rack", "Holds blue shirts")),
        Order(3, Monday.AddHours(2), ("Coffee beans", "Dark roast 1kg")));

    [Theory]
    [InlineData("blue shirt", new[] { 2, 1 })]
    [InlineData("blue shirt r", new int[0])]
    [InlineData("red socks", new[] { 1 })]
    [InlineData("blue sh", new[] { 2, 1 })]
    [InlineData("RED SoCKS", new[] { 1 })]
    [InlineData("shi", new[] { 2, 1 })]
    [InlineData("cotton, slim f", new[] { 1 })]
    [InlineData("dark roast 1", new[] { 3 })]
    [InlineData("shirt blue", new int[0])]
    [InlineData("shirt cotton", new int[0])]
    [InlineData("socks wool", new int[0])]
    [InlineData("buyer1", new int[0])]
    public async Task Search_matches_the_words_of_a_title_or_description_in_order_the_last_one_as_a_prefix(string text, int[] expected)
    {
        await StoreShop();

        Assert.Equal(expected, await Found(text));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"blue")]
    [InlineData("blue\" OR \"coffee")]
    [InlineData("*")]
    [InlineData("blue*")]
    [InlineData("NEAR(blue shirt)")]
    [InlineData("items:blue")]
    [InlineData("-blue ^shirt (AND) OR NOT")]
    [InlineData("'; DROP TABLE search_documents; --")]
    [InlineData("\uE000")]
    [InlineData("🙂")]
    [InlineData("!!!")]
    public async Task Query_syntax_in_the_search_text_is_taken_as_words_and_never_fails(string text)
    {
        await StoreShop();

        var result = await store.SearchAsync(text, 1, 10);

        Assert.DoesNotContain(result.Items, d => d.Id == Order(3, Monday).Id && !text.Contains("coffee", StringComparison.Ordinal));
        Assert.Equal(3, (await store.SearchAsync(null, 1, 10)).TotalCount);
    }

    [Fact]
    public async Task Quoted_and_starred_words_still_match_as_words()
    {
        await StoreShop();

        Assert.Equal(new[] { 1 }, await Found("\"red socks\""));
        Assert.Equal(new[] { 2, 1 }, await Found("blue*"));
    }

    [Fact]
    public async Task An_empty_search_lists_every_order_newest_first_then_by_id()
    {
        await Store(Order(5, Monday), Order(4, Monday), Order(6, Monday.AddDays(1)), Order(7, Monday.AddDays(-1)));

        Assert.Equal(new[] { 6, 4, 5, 7 }, await Found(null));
        Assert.Equal(new[] { 6, 4, 5, 7 }, await Found("  "));
    }

    [Fact]
    public async Task Pages_split_the_matches_without_overlap_and_count_them_all()
    {
        await Store(Enumerable.Range(1, 25).Select(n => Order(n, Monday.AddMinutes(n % 7), ("Blue shirt", ""))).ToArray());

        var pages = new List<int>();
        for (var page = 1; page <= 3; page++)
        {
            var result = await store.SearchAsync("blue", page, 10);
            Assert.Equal(25, result.TotalCount);
            Assert.Equal(page < 3 ? 10 : 5, result.Items.Count);
            pages.AddRange(result.Items.Select(d => d.Id.ToByteArray()[0]).Select(b => (int)b));
        }

        Assert.Equal(Enumerable.Range(1, 25), pages.Order());
        Assert.Equal(pages, await Found("blue", 1, 100));
        Assert.Empty((await store.SearchAsync("blue", 4, 10)).Items);
    }

    [Fact]
    public async Task A_newer_version_replaces_the_indexed_text_and_an_older_one_is_ignored()
    {
        var first = Order(1, Monday, ("Blue shirt", ""));
        var renamed = Order(1, Monday, ("Green hat", "")) with { Version = 2 };
        var stale = Order(1, Monday, ("Red socks", "")) with { Version = 1 };

        await Store(first);
        await Store(renamed);
        await Store(stale);

        Assert.Empty(await Found("blue"));
        Assert.Equal(new[] { 1 }, await Found("green"));
        Assert.Empty(await Found("red"));
        Assert.Equal(2, (await store.ReadVersionAsync(first.Id)));
    }

    [Fact]
    public async Task Page_numbers_start_at_one_and_sizes_stay_within_a_hundred()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SearchAsync(null, 0, 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SearchAsync(null, 1, 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SearchAsync(null, 1, 101));
    }

    [Fact]
    public async Task The_order_document_store_keeps_the_highest_version_it_was_given()
    {
        using var documents = new SqliteOrderDocumentStore(new SqliteReadModelFile(Path.Combine(folder, "orders.read.db")));
        var events = OrderHistories.Record(Guid.NewGuid(), OrderHistories.Decide(
            OrderHistories.Create(Guid.NewGuid(), OrderHistories.Item("sku-1", "Blue shirt", "", 1, 5m))));
        var created = OrderDocumentProjection.Instance.Fold(events.Select(e => ProjectedEvent.Decode(e)!))!;
        var newer = created with { Version = 4, Status = "paid" };

        await documents.CommitAsync(new ProjectionCommit<OrderDocument>([newer], [], [], Checkpoint: null));
        await documents.CommitAsync(new ProjectionCommit<OrderDocument>([created], [], [], Checkpoint: null));

        Assert.Equal(DocumentJson.Write(newer), DocumentJson.Write(await documents.GetAsync(created.OrderId)));
        Assert.Null(await documents.GetAsync(Guid.NewGuid()));
    }
}
