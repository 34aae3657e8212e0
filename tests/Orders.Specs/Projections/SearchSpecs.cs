using Microsoft.Data.Sqlite;
using Orders.EventStore;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Search;
using Orders.Projections.Sqlite;

namespace Orders.Specs.Projections;

/// <summary>What the embedded search store does beyond the store contract (<c>Contracts/SearchStoreContract</c>).</summary>
public sealed class SearchSpecs : IDisposable
{
    static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    readonly string _folder = Path.Combine(Path.GetTempPath(), "orders-search-" + Guid.NewGuid().ToString("N"));
    readonly List<IDisposable> _opened = [];

    string FilePath => Path.Combine(_folder, "orders.read.db");

    SqliteSearchStore OpenStore()
    {
        var file = new SqliteReadModelFile(FilePath);
        var store = new SqliteSearchStore(file);
        _opened.Add(store);
        _opened.Add(file);
        return store;
    }

    public void Dispose()
    {
        foreach (var disposable in _opened)
            disposable.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    static OrderDocument Order(int number, DateTimeOffset createdAt, string title) =>
        TestDocuments.Pending(new Guid(number, 0, 0, new byte[8]), createdAt, 0, new ShopItemDocument("sku-1", title, "", 1, 10m));

    static async Task<int[]> Found(SqliteSearchStore store, string text) =>
        (await store.SearchAsync(text, SearchPage.First)).Orders.Select(d => BitConverter.ToInt32(d.OrderId.ToByteArray(), 0)).ToArray();

    [Fact]
    public async Task Quoted_and_starred_words_still_match_as_words()
    {
        var store = OpenStore();
        await store.CommitAsync(new ProjectionCommit<OrderDocument>(
            [Order(1, Monday, "Red socks"), Order(2, Monday.AddHours(1), "Blue shirt")], [], [], Checkpoint: null));

        Assert.Equal(new[] { 1 }, await Found(store, "\"red socks\""));
        Assert.Equal(new[] { 2 }, await Found(store, "blue*"));
    }

    /// <summary>Files written before search rows held whole order documents are rebuilt, not served in the old shape.</summary>
    [Fact]
    public async Task A_file_from_before_search_rows_held_order_documents_has_its_search_projection_rebuilt()
    {
        var store = OpenStore();
        await store.CommitAsync(new ProjectionCommit<OrderDocument>([Order(1, Monday, "Blue shirt")], [], [], LogPosition.Of(42)));
        using (var connection = new SqliteConnection($"Data Source={FilePath};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 0";
            command.ExecuteNonQuery();
        }

        var reopened = OpenStore();

        Assert.Null(await reopened.ReadCheckpointAsync());
        Assert.Equal(0, (await reopened.SearchAsync(null, SearchPage.First)).TotalCount);
        Assert.Empty(await Found(reopened, "blue"));
    }

    /// <summary>
    /// Files from before the store wrote its full-text rows itself kept them in step by triggers. Left in place, they
    /// would index every document a second time (the answers stay right, so only the file can tell) at five times
    /// the cost; opening the file drops them.
    /// </summary>
    [Fact]
    public async Task A_file_with_the_former_full_text_triggers_loses_them_and_indexes_each_document_once()
    {
        var store = OpenStore();
        await store.CommitAsync(new ProjectionCommit<OrderDocument>([Order(1, Monday, "Blue shirt")], [], [], LogPosition.Of(42)));
        Execute("""
            CREATE TRIGGER search_text_on_insert AFTER INSERT ON search_documents BEGIN
                INSERT INTO search_text (rowid, items) VALUES (new.rowid, new.text);
            END;
            CREATE TRIGGER search_text_on_update AFTER UPDATE OF text ON search_documents
            WHEN old.text IS NOT new.text BEGIN
                DELETE FROM search_text WHERE rowid = old.rowid;
                INSERT INTO search_text (rowid, items) VALUES (new.rowid, new.text);
            END;
            """);

        var reopened = OpenStore();
        await reopened.CommitAsync(new ProjectionCommit<OrderDocument>(
            [Order(1, Monday, "Green hat") with { Version = 1 }, Order(2, Monday.AddHours(1), "Blue scarf")], [], [], LogPosition.Of(43)));

        Assert.Equal(0L, Execute("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"));
        Assert.Equal(new[] { 2 }, await Found(reopened, "blue"));
        Assert.Equal(new[] { 1 }, await Found(reopened, "green"));
        Assert.Equal(1, (await reopened.SearchAsync("blue", SearchPage.First)).TotalCount);
    }

    object? Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={FilePath};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>A document whose newer version changes only its status keeps its full-text row, found once.</summary>
    [Fact]
    public async Task A_newer_version_with_the_same_items_is_still_found_once()
    {
        var store = OpenStore();
        await store.CommitAsync(new ProjectionCommit<OrderDocument>([Order(1, Monday, "Blue shirt")], [], [], LogPosition.Of(1)));
        await store.CommitAsync(new ProjectionCommit<OrderDocument>(
            [Order(1, Monday, "Blue shirt") with { Version = 3, Status = "paid" }], [], [], LogPosition.Of(2)));

        var found = await store.SearchAsync("blue", SearchPage.First);

        Assert.Equal(1, found.TotalCount);
        Assert.Equal("paid", Assert.Single(found.Orders).Status);
    }

    [Fact]
    public async Task Reopening_a_current_file_keeps_the_search_projection()
    {
        var store = OpenStore();
        await store.CommitAsync(new ProjectionCommit<OrderDocument>([Order(1, Monday, "Blue shirt")], [], [], LogPosition.Of(42)));

        var reopened = OpenStore();

        Assert.Equal(LogPosition.Of(42), await reopened.ReadCheckpointAsync());
        Assert.Equal(new[] { 1 }, await Found(reopened, "blue"));
    }

    [Fact]
    public async Task The_order_document_store_keeps_the_highest_version_it_was_given()
    {
        using var file = new SqliteReadModelFile(FilePath);
        using var documents = new SqliteOrderDocumentStore(file);
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
