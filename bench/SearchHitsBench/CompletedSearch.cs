using Microsoft.Data.Sqlite;
using Orders.Projections.Documents;
using Orders.Projections.Search;
using Orders.Projections.Sqlite;

/// <summary>
/// The other way to answer a search with order documents: the search index gives only the page's ids, then the
/// order document store gives the documents. The queries are <see cref="SqliteSearchStore"/>'s, with the same choice
/// between walking the newest-first index and sorting the matches, selecting the id instead of the body (the
/// newest-first index covers it, so a search without text reads no row at all).
/// </summary>
sealed class CompletedSearch(SqliteReadModelFile file, SqliteOrderDocumentStore documents)
{
    const string NewestFirst = "SELECT id FROM search_documents ORDER BY created_at DESC, id LIMIT $size OFFSET $offset";

    const string MatchesByIndex = """
        SELECT id FROM search_documents INDEXED BY search_documents_newest_first
        WHERE rowid IN (SELECT rowid FROM search_text WHERE search_text MATCH $match)
        ORDER BY created_at DESC, id LIMIT $size OFFSET $offset
        """;

    const string MatchesSorted = """
        SELECT d.id FROM search_text t JOIN search_documents d ON d.rowid = t.rowid
        WHERE search_text MATCH $match ORDER BY d.created_at DESC, d.id LIMIT $size OFFSET $offset
        """;

    public async Task<SearchResult> SearchAsync(string? text, SearchPage page)
    {
        var match = string.IsNullOrWhiteSpace(text) ? null : SearchText.PhrasePrefix(text);
        long total;
        List<Guid> ids;
        using (var connection = file.Open())
        {
            var all = Count(connection, null);
            total = match is null ? all : Count(connection, match);
            var walk = match is not null && (page.Offset + page.Size) * (double)all / total < total * 20;
            ids = Ids(connection, match, match is null ? NewestFirst : walk ? MatchesByIndex : MatchesSorted, page);
        }
        var found = await documents.LoadAsync(ids);
        return new SearchResult(total, ids.Select(id => found[id]).ToList());
    }

    static long Count(SqliteConnection connection, string? match)
    {
        using var count = connection.CreateCommand();
        count.CommandText = match is null
            ? "SELECT count(*) FROM search_documents"
            : "SELECT count(*) FROM search_text WHERE search_text MATCH $match";
        if (match is not null)
            count.Parameters.AddWithValue("$match", match);
        return (long)count.ExecuteScalar()!;
    }

    static List<Guid> Ids(SqliteConnection connection, string? match, string sql, SearchPage page)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (match is not null)
            command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$size", page.Size);
        command.Parameters.AddWithValue("$offset", page.Offset);
        var ids = new List<Guid>(page.Size);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            ids.Add(Guid.Parse(reader.GetString(0)));
        return ids;
    }
}
