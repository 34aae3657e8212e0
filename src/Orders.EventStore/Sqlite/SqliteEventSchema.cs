using System.Globalization;
using Microsoft.Data.Sqlite;
using Orders.EventStore;

namespace Orders.EventStore.Sqlite;

/// <summary>The event log's one table, how connections to it are opened, and how its rows become events.</summary>
internal static class SqliteEventSchema
{
    // AUTOINCREMENT: a position is never handed out twice, even after the last row of a rolled-back batch.
    // UNIQUE (stream_id, stream_version): two appends that read the same version can never both be written.
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS events (
            position       INTEGER PRIMARY KEY AUTOINCREMENT,
            stream_id      TEXT    NOT NULL,
            stream_version INTEGER NOT NULL,
            event_id       TEXT    NOT NULL UNIQUE,
            type           TEXT    NOT NULL,
            data           BLOB    NOT NULL,
            metadata       BLOB    NOT NULL,
            created        TEXT    NOT NULL,
            UNIQUE (stream_id, stream_version)
        );
        """;

    public const string EventColumns = "stream_id, stream_version, position, event_id, type, data, metadata, created";

    private const string CreatedFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Readers share a pool; the writer holds its own connection for the store's lifetime.</summary>
    public static string ConnectionString(string path, bool pooled) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = pooled,
        }.ToString();

    /// <summary>
    /// WAL lets readers run beside the writer; synchronous=FULL syncs the WAL on every commit, so an acknowledged
    /// append survives a killed process and a power loss.
    /// </summary>
    public static SqliteConnection OpenWriter(string path)
    {
        var connection = new SqliteConnection(ConnectionString(path, pooled: false));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; " + CreateTable;
        command.ExecuteNonQuery();
        return connection;
    }

    public static string FormatCreated(DateTimeOffset created) =>
        created.UtcDateTime.ToString(CreatedFormat, CultureInfo.InvariantCulture);

    /// <summary>Maps a row selected with <see cref="EventColumns"/>.</summary>
    public static RecordedEvent ReadEvent(SqliteDataReader row) =>
        new(
            StreamId: row.GetString(0),
            StreamVersion: row.GetInt64(1),
            Position: LogPosition.Of((ulong)row.GetInt64(2)),
            EventId: Guid.Parse(row.GetString(3)),
            Type: row.GetString(4),
            Data: row.GetFieldValue<byte[]>(5),
            Metadata: row.GetFieldValue<byte[]>(6),
            Created: DateTimeOffset.ParseExact(
                row.GetString(7), CreatedFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
}
