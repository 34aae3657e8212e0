using Microsoft.Data.Sqlite;
using Orders.Projections.Documents;

namespace Orders.Projections.Sqlite;

/// <summary>
/// An embedded read model's file (e.g. <c>data/orders.read.db</c>, <c>data/orders.search.db</c>), kept apart from the
/// event log and from the other read model so that projection writes and appends do not contend for SQLite's
/// single writer. It holds the projection's documents, checkpoint and parked events. WAL lets queries read while the runner writes; synchronous=NORMAL
/// may lose the last commits on power loss, which is safe here because each checkpoint commits with its
/// documents: the projection then replays from an earlier checkpoint.
/// </summary>
public sealed class SqliteReadModelFile : IDisposable
{
    const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS order_documents (
            id TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            body BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS search_documents (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            version INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            text TEXT NOT NULL,
            body BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS search_documents_newest_first ON search_documents (created_at DESC, id);
        -- A one-letter prefix index: the last word of a search is a prefix, and merging every word that starts with
        -- one letter costs tens of milliseconds over 100,000 orders. Longer prefixes match few enough words without
        -- one, and each prefix length indexed makes every insert dearer.
        CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5 (items, content = '', contentless_delete = 1, prefix = '1');
        -- The search store writes the full-text rows itself, in the statements that write the documents. Files from
        -- before that kept them in step by triggers, which cost five times as much a row: FTS5 flushes its pending
        -- terms at every statement savepoint, and a trigger's insert runs inside one.
        DROP TRIGGER IF EXISTS search_text_on_insert;
        DROP TRIGGER IF EXISTS search_text_on_update;
        """;

    /// <summary>The layout's version, kept in <c>PRAGMA user_version</c>: 1 since search rows hold whole order documents.</summary>
    const int Layout = 1;

    /// <summary>
    /// Files from before layout 1 hold search rows of another shape. The search projection is rebuilt from the log
    /// rather than served in that shape: its rows, checkpoint and parked events are forgotten, and the runner
    /// replays it on start.
    /// </summary>
    static readonly string ToLayout1 = $"""
        BEGIN;
        DELETE FROM search_documents;
        DELETE FROM search_text;
        DELETE FROM checkpoints WHERE projection = '{OrderDocumentProjection.Search.Name}';
        DELETE FROM parked_events WHERE projection = '{OrderDocumentProjection.Search.Name}';
        PRAGMA user_version = {Layout};
        COMMIT;
        """;

    const string ConnectionPragmas = """
        PRAGMA synchronous = NORMAL;
        PRAGMA temp_store = MEMORY;
        """;

    /// <summary>
    /// Serving, the writer's batches change a few documents each: 8 MiB of cache keeps the upper levels of the
    /// indexes it walks for every document, and it reads through the file system, because mapped pages count as the
    /// process's own resident memory, up to the whole file, where the same pages in the file system's cache do not.
    /// </summary>
    const string WriterCache = "PRAGMA cache_size = -8192; PRAGMA mmap_size = 0;";

    /// <summary>
    /// Catching up, a batch touches thousands of pages of documents and index: a 32 MiB cache holds the pages it
    /// changes until the commit, and reading through a mapping spares copying the rest.
    /// </summary>
    const string CatchUpWriter = "PRAGMA cache_size = -32768; PRAGMA mmap_size = 268435456;";

    /// <summary>Back to the serving settings, handing the larger cache's memory back.</summary>
    const string ServingWriter = WriterCache + "PRAGMA shrink_memory;";

    /// <summary>
    /// Queries change nothing, so SQLite's default cache serves them, and they read through a mapping: a search scans
    /// full-text doclists, and copying them page by page cost twice the processor time a query (4.8 against 2.0 ms,
    /// bench/RESULTS.md). The size is the same at every open of a pooled connection, as changing it unmaps the file.
    /// </summary>
    const string QueryCache = "PRAGMA cache_size = -2048; PRAGMA mmap_size = 268435456;";

    readonly string _connectionString;

    /// <summary>Opens the file at <paramref name="path"/>, creating it, its folder and its tables when missing.</summary>
    public SqliteReadModelFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema + SqliteCheckpointStore.Schema;
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA user_version";
        if ((long)command.ExecuteScalar()! < Layout)
        {
            command.CommandText = ToLayout1;
            command.ExecuteNonQuery();
        }
    }

    public string Path { get; }

    /// <summary>
    /// Taken around every write transaction: the read models apply a batch side by side, and SQLite has one
    /// writer, so they take turns here rather than in SQLite's busy handler.
    /// </summary>
    public SemaphoreSlim WriteTurn { get; } = new(1, 1);

    /// <summary>A pooled connection for queries and checkpoint reads.</summary>
    public SqliteConnection Open() => Open(QueryCache);

    /// <summary>The connection a read model loads and commits its batches through.</summary>
    public SqliteConnection OpenWriter() => Open(WriterCache);

    /// <summary>Gives the writer the memory a catch-up's batches need, or back to what serving needs.</summary>
    public static void SizeWriter(SqliteConnection writer, bool catchingUp)
    {
        using var command = writer.CreateCommand();
        command.CommandText = catchingUp ? CatchUpWriter : ServingWriter;
        command.ExecuteNonQuery();
    }

    SqliteConnection Open(string cache)
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas + cache;
        command.ExecuteNonQuery();
        return connection;
    }

    public void Dispose() => WriteTurn.Dispose();
}
