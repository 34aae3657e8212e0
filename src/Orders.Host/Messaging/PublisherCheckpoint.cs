using Microsoft.Data.Sqlite;
using Orders.Projections;
using Orders.Projections.Sqlite;

namespace Orders.Host.Messaging;

/// <summary>
/// How far through the log the integration-event publisher has got: the position of the last event the broker
/// confirmed, kept by the same <see cref="SqliteCheckpointStore"/> as the read models' checkpoints, in a small file of
/// its own (<c>orders.messaging.db</c>) so that it never waits on the event log's or the read models' writer.
/// Stored after the broker confirmed, so a crash republishes from here: at least once, never less.
/// </summary>
public static class PublisherCheckpoint
{
    /// <summary>
    /// Files from before kept the checkpoint in a table of their own, <c>publisher_checkpoints (publisher, …)</c>:
    /// its rows move to <c>checkpoints</c>, keyed the same, and the table goes, in one transaction.
    /// </summary>
    const string FromPublisherCheckpoints = """
        BEGIN;
        INSERT INTO checkpoints (projection, commit_position, prepare_position)
            SELECT publisher, commit_position, prepare_position FROM publisher_checkpoints WHERE true
            ON CONFLICT (projection) DO NOTHING;
        DROP TABLE publisher_checkpoints;
        COMMIT;
        """;

    public static ICheckpointStore Open(string path, string publisher)
    {
        var store = SqliteCheckpointStore.OpenFile(path, publisher);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path) }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'publisher_checkpoints'";
        if ((long)command.ExecuteScalar()! > 0)
        {
            command.CommandText = FromPublisherCheckpoints;
            command.ExecuteNonQuery();
        }
        return store;
    }
}
