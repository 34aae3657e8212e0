using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Orders.EventStore;

namespace Orders.EventStore.Sqlite;

/// <summary>Where an event id is already recorded.</summary>
internal sealed record RecordedPlace(string StreamId, long Version, long Position);

/// <summary>The writer's statements, bound to one transaction; later statements see what earlier ones wrote.</summary>
internal sealed class AppendStatements : IDisposable
{
    private const string Savepoint = "append";

    private readonly SqliteTransaction _transaction;
    private readonly SqliteCommand _currentVersion;
    private readonly SqliteCommand _findEvent;
    private readonly SqliteCommand _insert;

    public AppendStatements(SqliteConnection connection, SqliteTransaction transaction)
    {
        _transaction = transaction;
        _currentVersion = Command(connection, "SELECT MAX(stream_version) FROM events WHERE stream_id = $stream");
        _currentVersion.Parameters.Add("$stream", SqliteType.Text);

        _findEvent = Command(connection, "SELECT stream_id, stream_version, position FROM events WHERE event_id = $id");
        _findEvent.Parameters.Add("$id", SqliteType.Text);

        _insert = Command(
            connection,
            """
            INSERT INTO events (stream_id, stream_version, event_id, type, data, metadata, created)
            VALUES ($stream, $version, $id, $type, $data, $metadata, $created)
            RETURNING position
            """);
        foreach (var (name, type) in new[]
                 {
                     ("$stream", SqliteType.Text), ("$version", SqliteType.Integer), ("$id", SqliteType.Text),
                     ("$type", SqliteType.Text), ("$data", SqliteType.Blob), ("$metadata", SqliteType.Blob),
                     ("$created", SqliteType.Text),
                 })
        {
            _insert.Parameters.Add(name, type);
        }
    }

    /// <summary>The stream's last version, -1 when it has no events.</summary>
    public long CurrentVersion(string streamId)
    {
        _currentVersion.Parameters["$stream"].Value = streamId;
        return _currentVersion.ExecuteScalar() is long version ? version : -1;
    }

    public RecordedPlace? Find(Guid eventId)
    {
        _findEvent.Parameters["$id"].Value = FormatId(eventId);
        using var row = _findEvent.ExecuteReader();
        return row.Read() ? new RecordedPlace(row.GetString(0), row.GetInt64(1), row.GetInt64(2)) : null;
    }

    /// <summary>
    /// Writes the events from <paramref name="firstVersion"/> on. A savepoint keeps a failure here from taking the
    /// rest of the batch down with it.
    /// </summary>
    public AppendResult.Appended Insert(PendingAppend append, long firstVersion, string created)
    {
        _transaction.Save(Savepoint);
        try
        {
            long position = 0;
            var version = firstVersion;
            foreach (var e in append.Events)
            {
                var p = _insert.Parameters;
                p["$stream"].Value = append.StreamId;
                p["$version"].Value = version++;
                p["$id"].Value = FormatId(e.EventId);
                p["$type"].Value = e.Type;
                p["$data"].Value = AsArray(e.Data);
                p["$metadata"].Value = AsArray(e.Metadata);
                p["$created"].Value = created;
                position = (long)_insert.ExecuteScalar()!;
            }

            _transaction.Release(Savepoint);
            return new AppendResult.Appended(version - 1, LogPosition.Of((ulong)position));
        }
        catch
        {
            _transaction.Rollback(Savepoint);
            throw;
        }
    }

    public void Dispose()
    {
        _currentVersion.Dispose();
        _findEvent.Dispose();
        _insert.Dispose();
    }

    private SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }

    private static string FormatId(Guid id) => id.ToString("D");

    private static byte[] AsArray(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment is { Offset: 0, Array: { } array }
        && array.Length == segment.Count
            ? array
            : bytes.ToArray();
}
