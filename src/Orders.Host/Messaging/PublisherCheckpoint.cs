using Microsoft.Data.Sqlite;
using Orders.EventStore;

namespace Orders.Host.Messaging;

/// <summary>
/// How far through the log the integration-event publisher has got: the position of the last event the broker
/// confirmed. It lives in its own small SQLite file (<c>orders.messaging.db</c>) so that it never waits on the
/// event log's or the read models' writer. Stored after the broker confirmed, so a crash republishes from here:
/// at least once, never less.
/// </summary>
public sealed class PublisherCheckpoint
{
    const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS publisher_checkpoints (
            publisher TEXT PRIMARY KEY,
            commit_position INTEGER NOT NULL,
            prepare_position INTEGER NOT NULL);
        """;

    readonly string _connectionString;
    readonly string _publisher;

    public PublisherCheckpoint(string path, string publisher)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true }.ToString();
        _publisher = publisher;
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
    }

    public async Task<LogPosition?> ReadAsync(CancellationToken ct)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT commit_position, prepare_position FROM publisher_checkpoints WHERE publisher = $publisher";
        command.Parameters.AddWithValue("$publisher", _publisher);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new LogPosition(unchecked((ulong)reader.GetInt64(0)), unchecked((ulong)reader.GetInt64(1)))
            : null;
    }

    public async Task WriteAsync(LogPosition position, CancellationToken ct)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO publisher_checkpoints (publisher, commit_position, prepare_position) VALUES ($publisher, $commit, $prepare)
            ON CONFLICT (publisher) DO UPDATE SET commit_position = excluded.commit_position, prepare_position = excluded.prepare_position
            """;
        command.Parameters.AddWithValue("$publisher", _publisher);
        command.Parameters.AddWithValue("$commit", unchecked((long)position.Commit));
        command.Parameters.AddWithValue("$prepare", unchecked((long)position.Prepare));
        await command.ExecuteNonQueryAsync(ct);
    }

    SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
