using Microsoft.Data.Sqlite;
using Orders.Projections.Documents;
using Orders.Projections.Search;

namespace Orders.Projections.Sqlite;

/// <summary>
/// The search index in the read-model file: order documents as JSON, so that a hit is served as found, plus a
/// contentless FTS5 table over their item titles and descriptions, sharing the document row's rowid and written
/// with the documents (<see cref="Write"/>).
/// </summary>
public sealed class SqliteSearchStore(SqliteReadModelFile file)
    : SqliteProjectionStore<OrderDocument>(file, OrderDocumentProjection.Search.Name, "search_documents", ReadModelJson.Default.OrderDocument),
      ISearchIndex
{
    public Task<SearchResult> SearchAsync(string? text, SearchPage page, CancellationToken ct = default)
    {
        var match = string.IsNullOrWhiteSpace(text) ? null : SearchText.PhrasePrefix(text);
        if (match is null && !string.IsNullOrWhiteSpace(text))
            return Task.FromResult(new SearchResult(0, []));

        using var connection = File.Open();
        var (size, offset) = (page.Size, page.Offset);
        if (match is null)
            return Task.FromResult(new SearchResult(Count(connection), Page(connection, NewestFirst, size, offset)));

        // The full-text match is most of a query's cost. It runs once: its rowids go to a table of this connection's
        // own (in memory), which gives the exact count and then serves as the set the page is drawn from. Counting the
        // match and matching again for the page cost two runs of it, plus a copy of the rowids for the IN.
        using var hits = Command(connection, CollectHits);
        hits.Parameters.AddWithValue("$match", match);
        try
        {
            var totalCount = (long)hits.ExecuteScalar()!;
            if (totalCount <= offset)
                return Task.FromResult(new SearchResult(totalCount, []));
            // Walking the newest-first index until the page is full reads about (all orders / matches) entries per
            // result; sorting the matches reads every matching row. Either can be the cheap one by orders of magnitude.
            var walk = (offset + size) * (double)Count(connection) / totalCount < totalCount * RowReadsPerIndexEntry;
            return Task.FromResult(new SearchResult(totalCount, Page(connection, walk ? HitsByIndex : HitsSorted, size, offset)));
        }
        finally
        {
            using var forget = Command(connection, "DELETE FROM temp.search_hits");
            forget.ExecuteNonQuery();
        }
    }

    /// <summary>About how many index entries a scan reads in the time of one row looked up by rowid.</summary>
    const int RowReadsPerIndexEntry = 20;

    const string NewestFirst = "SELECT body FROM search_documents ORDER BY created_at DESC, id LIMIT $size OFFSET $offset";

    /// <summary>
    /// Fills the connection's <c>temp.search_hits</c> with the rowids that match and counts them. A temp table belongs
    /// to its connection, so concurrent queries on other pooled connections each have their own.
    /// </summary>
    const string CollectHits = """
        CREATE TEMP TABLE IF NOT EXISTS search_hits (rowid INTEGER PRIMARY KEY);
        DELETE FROM temp.search_hits;
        INSERT INTO temp.search_hits (rowid) SELECT rowid FROM search_text WHERE search_text MATCH $match;
        SELECT count(*) FROM temp.search_hits;
        """;

    const string HitsByIndex = """
        SELECT body FROM search_documents INDEXED BY search_documents_newest_first
        WHERE rowid IN temp.search_hits
        ORDER BY created_at DESC, id LIMIT $size OFFSET $offset
        """;

    const string HitsSorted = """
        SELECT body FROM search_documents WHERE rowid IN (
            SELECT d.rowid FROM temp.search_hits h JOIN search_documents d ON d.rowid = h.rowid
            ORDER BY d.created_at DESC, d.id LIMIT $size OFFSET $offset)
        ORDER BY created_at DESC, id
        """;

    static long Count(SqliteConnection connection)
    {
        using var count = Command(connection, "SELECT count(*) FROM search_documents");
        return (long)count.ExecuteScalar()!;
    }

    List<OrderDocument> Page(SqliteConnection connection, string sql, int size, int offset)
    {
        using var items = Command(connection, sql);
        items.Parameters.AddWithValue("$size", size);
        items.Parameters.AddWithValue("$offset", offset);
        var documents = new List<OrderDocument>(size);
        using var reader = items.ExecuteReader();
        while (reader.Read())
            documents.Add(Deserialize(reader.GetFieldValue<byte[]>(0)));
        return documents;
    }

    /// <summary>
    /// Each document is written with its full-text row: inserted with it, replaced when a newer version's text
    /// differs, left alone when only the order's status changed (most events). An older version than the stored one
    /// changes nothing. An order's createdAt never changes after its creation, so an update leaves the ordering index
    /// alone.
    /// The full-text rows are written after all the documents, in rowid order: FTS5 keeps new terms in memory and
    /// writes them out as a segment when another statement of the transaction opens a savepoint (every document
    /// write does) or when rowids go backwards. Written in between, every document cost a segment of its own and
    /// the merging of them, five times the cost of the row.
    /// </summary>
    protected override void Write(SqliteTransaction transaction, IReadOnlyCollection<OrderDocument> documents)
    {
        using var stored = Command(transaction, "SELECT rowid, version, text FROM search_documents WHERE id = $id");
        var storedId = stored.Parameters.Add("$id", SqliteType.Text);
        using var insert = Command(transaction, """
            INSERT INTO search_documents (id, version, created_at, text, body) VALUES ($id, $version, $createdAt, $text, $body)
            RETURNING rowid
            """);
        var (id, version, createdAt, text, body) = (
            insert.Parameters.Add("$id", SqliteType.Text),
            insert.Parameters.Add("$version", SqliteType.Integer),
            insert.Parameters.Add("$createdAt", SqliteType.Integer),
            insert.Parameters.Add("$text", SqliteType.Text),
            insert.Parameters.Add("$body", SqliteType.Blob));
        using var update = Command(transaction, "UPDATE search_documents SET version = $version, text = $text, body = $body WHERE rowid = $rowid");
        var (updatedRow, updatedVersion, updatedText, updatedBody) = (
            update.Parameters.Add("$rowid", SqliteType.Integer),
            update.Parameters.Add("$version", SqliteType.Integer),
            update.Parameters.Add("$text", SqliteType.Text),
            update.Parameters.Add("$body", SqliteType.Blob));
        using var index = Command(transaction, "INSERT INTO search_text (rowid, items) VALUES ($rowid, $text)");
        var (indexedRow, indexedText) = (index.Parameters.Add("$rowid", SqliteType.Integer), index.Parameters.Add("$text", SqliteType.Text));
        using var unindex = Command(transaction, "DELETE FROM search_text WHERE rowid = $rowid");
        var unindexedRow = unindex.Parameters.Add("$rowid", SqliteType.Integer);

        var indexed = new List<(long Rowid, string Text)>(documents.Count);
        var unindexed = new List<long>();
        foreach (var document in documents)
        {
            var key = Key(document.OrderId);
            var searchText = SearchText.Of(document);
            storedId.Value = key;
            long? rowid = null;
            string? storedText = null;
            using (var reader = stored.ExecuteReader())
            {
                if (reader.Read())
                {
                    if (reader.GetInt64(1) >= document.Version)
                        continue;
                    rowid = reader.GetInt64(0);
                    storedText = reader.GetString(2);
                }
            }

            if (rowid is null)
            {
                (id.Value, version.Value, createdAt.Value, text.Value, body.Value) =
                    (key, document.Version, document.CreatedAt.UtcTicks, searchText, Serialize(document));
                rowid = (long)insert.ExecuteScalar()!;
            }
            else
            {
                (updatedRow.Value, updatedVersion.Value, updatedText.Value, updatedBody.Value) =
                    (rowid, document.Version, searchText, Serialize(document));
                update.ExecuteNonQuery();
                if (storedText == searchText)
                    continue;
                unindexed.Add(rowid.Value);
            }
            indexed.Add((rowid.Value, searchText));
        }

        unindexed.Sort();
        foreach (var rowid in unindexed)
        {
            unindexedRow.Value = rowid;
            unindex.ExecuteNonQuery();
        }
        indexed.Sort((a, b) => a.Rowid.CompareTo(b.Rowid));
        foreach (var (rowid, searchText) in indexed)
        {
            (indexedRow.Value, indexedText.Value) = (rowid, searchText);
            index.ExecuteNonQuery();
        }
    }

    protected override void Clear(SqliteTransaction transaction)
    {
        using var documents = Command(transaction, "DELETE FROM search_documents");
        documents.ExecuteNonQuery();
        using var text = Command(transaction, "DELETE FROM search_text");
        text.ExecuteNonQuery();
    }
}
