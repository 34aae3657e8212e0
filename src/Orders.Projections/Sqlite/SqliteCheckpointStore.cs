using System.Globalization;
using Microsoft.Data.Sqlite;
using Orders.EventStore;

namespace Orders.Projections.Sqlite;

/// <summary>
/// A follower's checkpoint, parked events and lease in a SQLite file, in tables <c>checkpoints</c>,
/// <c>parked_events</c> and <c>leases</c> keyed by the follower's name. A read-model file holds them beside its documents and writes
/// them in the documents' transaction (<see cref="Save"/>); the event publisher's file holds its checkpoint alone
/// (<see cref="OpenFile"/>).
/// </summary>
public sealed class SqliteCheckpointStore(Func<SqliteConnection> open, string follower) : ICheckpointStore
{
    /// <summary>The tables, created when missing in every file that keeps checkpoints.</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS checkpoints (
            projection TEXT PRIMARY KEY,
            commit_position INTEGER NOT NULL,
            prepare_position INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS parked_events (
            projection TEXT NOT NULL,
            stream_id TEXT NOT NULL,
            stream_version INTEGER NOT NULL,
            commit_position INTEGER NOT NULL,
            prepare_position INTEGER NOT NULL,
            event_id TEXT NOT NULL,
            type TEXT NOT NULL,
            data BLOB NOT NULL,
            metadata BLOB NOT NULL,
            created TEXT NOT NULL,
            error TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            parked_at TEXT NOT NULL,
            held_behind INTEGER,
            PRIMARY KEY (projection, stream_id, stream_version));
        -- Which instance applies each follower, until when (Unix milliseconds); see ProjectionLease.
        CREATE TABLE IF NOT EXISTS leases (
            projection TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            expires INTEGER NOT NULL);
        """;

    /// <summary>
    /// A store in a file of its own at <paramref name="path"/> (WAL, pooled connections), created with its folder
    /// and tables when missing.
    /// </summary>
    public static SqliteCheckpointStore OpenFile(string path, string follower)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true }.ToString();
        SqliteConnection Open()
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            return connection;
        }
        using var connection = Open();
        using var command = Command(connection, "PRAGMA journal_mode = WAL;" + Schema);
        command.ExecuteNonQuery();
        return new SqliteCheckpointStore(Open, follower);
    }

    public Task<LogPosition?> ReadCheckpointAsync(CancellationToken ct = default)
    {
        using var connection = open();
        using var command = Command(connection, "SELECT commit_position, prepare_position FROM checkpoints WHERE projection = $projection");
        command.Parameters.AddWithValue("$projection", follower);
        using var reader = command.ExecuteReader();
        return Task.FromResult<LogPosition?>(reader.Read() ? new LogPosition(unchecked((ulong)reader.GetInt64(0)), unchecked((ulong)reader.GetInt64(1))) : null);
    }

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(CancellationToken ct = default)
    {
        using var connection = open();
        using var command = Command(connection, """
            SELECT stream_id, stream_version, commit_position, prepare_position, event_id, type, data, metadata,
                   created, error, attempts, parked_at, held_behind
            FROM parked_events WHERE projection = $projection
            ORDER BY commit_position, prepare_position
            """);
        command.Parameters.AddWithValue("$projection", follower);
        using var reader = command.ExecuteReader();
        var parked = new List<ParkedEvent>();
        while (reader.Read())
        {
            var recorded = new RecordedEvent(
                reader.GetString(0),
                reader.GetInt64(1),
                new LogPosition(unchecked((ulong)reader.GetInt64(2)), unchecked((ulong)reader.GetInt64(3))),
                Guid.Parse(reader.GetString(4)),
                reader.GetString(5),
                (byte[])reader.GetValue(6),
                (byte[])reader.GetValue(7),
                DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture));
            parked.Add(new ParkedEvent(
                follower,
                recorded,
                reader.GetString(9),
                reader.GetInt32(10),
                DateTimeOffset.Parse(reader.GetString(11), CultureInfo.InvariantCulture),
                reader.IsDBNull(12) ? null : reader.GetInt64(12)));
        }
        return Task.FromResult<IReadOnlyList<ParkedEvent>>(parked);
    }

    /// <summary>In a transaction of its own.</summary>
    public Task SaveAsync(CheckpointChange change, CancellationToken ct = default)
    {
        using var connection = open();
        using var transaction = connection.BeginTransaction();
        Save(transaction, change);
        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task ForgetAsync(CancellationToken ct = default)
    {
        using var connection = open();
        using var transaction = connection.BeginTransaction();
        Forget(transaction);
        transaction.Commit();
        return Task.CompletedTask;
    }

    /// <summary>Writes the change in the caller's transaction (a read model's commit, with its documents).</summary>
    public void Save(SqliteTransaction transaction, CheckpointChange change)
    {
        foreach (var parked in change.Parked)
            Park(transaction, parked);
        foreach (var released in change.Released)
            Release(transaction, released);
        if (change.Checkpoint is { } checkpoint)
            WriteCheckpoint(transaction, checkpoint);
    }

    /// <summary>Forgets the checkpoint and the parked events in the caller's transaction.</summary>
    public void Forget(SqliteTransaction transaction)
    {
        foreach (var sql in new[] { "DELETE FROM checkpoints WHERE projection = $projection", "DELETE FROM parked_events WHERE projection = $projection" })
        {
            using var command = Command(transaction, sql);
            command.Parameters.AddWithValue("$projection", follower);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>In a transaction of its own: the upsert changes the row only when the lease may be taken, then reads it back.</summary>
    public Task<ProjectionLease?> TakeLeaseAsync(string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default)
    {
        using var connection = open();
        using var transaction = connection.BeginTransaction();
        using (var take = Command(transaction, """
            INSERT INTO leases (projection, holder, expires) VALUES ($projection, $holder, $until)
            ON CONFLICT (projection) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
            WHERE leases.holder = excluded.holder OR leases.expires < $now
            """))
        {
            take.Parameters.AddWithValue("$projection", follower);
            take.Parameters.AddWithValue("$holder", holder);
            take.Parameters.AddWithValue("$until", until.ToUnixTimeMilliseconds());
            take.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            take.ExecuteNonQuery();
        }
        var lease = ReadLease(connection, transaction);
        transaction.Commit();
        return Task.FromResult(lease);
    }

    public Task ReleaseLeaseAsync(string holder, CancellationToken ct = default)
    {
        using var connection = open();
        using var command = Command(connection, "DELETE FROM leases WHERE projection = $projection AND holder = $holder");
        command.Parameters.AddWithValue("$projection", follower);
        command.Parameters.AddWithValue("$holder", holder);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<ProjectionLease?> ReadLeaseAsync(CancellationToken ct = default)
    {
        using var connection = open();
        return Task.FromResult(ReadLease(connection, transaction: null));
    }

    ProjectionLease? ReadLease(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = Command(connection, "SELECT holder, expires FROM leases WHERE projection = $projection");
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$projection", follower);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new ProjectionLease(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))) : null;
    }

    void Park(SqliteTransaction transaction, ParkedEvent parked)
    {
        using var command = Command(transaction, """
            INSERT INTO parked_events (projection, stream_id, stream_version, commit_position, prepare_position, event_id,
                                       type, data, metadata, created, error, attempts, parked_at, held_behind)
            VALUES ($projection, $stream, $version, $commit, $prepare, $eventId, $type, $data, $metadata, $created,
                    $error, $attempts, $parkedAt, $heldBehind)
            ON CONFLICT (projection, stream_id, stream_version) DO UPDATE SET
                error = excluded.error, attempts = excluded.attempts, parked_at = excluded.parked_at,
                held_behind = excluded.held_behind
            """);
        var e = parked.Event;
        command.Parameters.AddWithValue("$projection", follower);
        command.Parameters.AddWithValue("$stream", e.StreamId);
        command.Parameters.AddWithValue("$version", e.StreamVersion);
        command.Parameters.AddWithValue("$commit", unchecked((long)e.Position.Commit));
        command.Parameters.AddWithValue("$prepare", unchecked((long)e.Position.Prepare));
        command.Parameters.AddWithValue("$eventId", e.EventId.ToString("D"));
        command.Parameters.AddWithValue("$type", e.Type);
        command.Parameters.AddWithValue("$data", e.Data.ToArray());
        command.Parameters.AddWithValue("$metadata", e.Metadata.ToArray());
        command.Parameters.AddWithValue("$created", e.Created.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$error", parked.Error);
        command.Parameters.AddWithValue("$attempts", parked.Attempts);
        command.Parameters.AddWithValue("$parkedAt", parked.ParkedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$heldBehind", parked.HeldBehind is { } behind ? behind : DBNull.Value);
        command.ExecuteNonQuery();
    }

    void Release(SqliteTransaction transaction, ParkedEvent released)
    {
        using var command = Command(transaction,
            "DELETE FROM parked_events WHERE projection = $projection AND stream_id = $stream AND stream_version = $version");
        command.Parameters.AddWithValue("$projection", follower);
        command.Parameters.AddWithValue("$stream", released.Event.StreamId);
        command.Parameters.AddWithValue("$version", released.Event.StreamVersion);
        command.ExecuteNonQuery();
    }

    /// <summary>Only forwards: positions are unsigned, which SQLite's integers are not, so the comparison is made here, in the transaction.</summary>
    void WriteCheckpoint(SqliteTransaction transaction, LogPosition checkpoint)
    {
        using (var read = Command(transaction, "SELECT commit_position, prepare_position FROM checkpoints WHERE projection = $projection"))
        {
            read.Parameters.AddWithValue("$projection", follower);
            using var reader = read.ExecuteReader();
            if (reader.Read() && new LogPosition(unchecked((ulong)reader.GetInt64(0)), unchecked((ulong)reader.GetInt64(1))) >= checkpoint)
                return;
        }
        using var command = Command(transaction, """
            INSERT INTO checkpoints (projection, commit_position, prepare_position) VALUES ($projection, $commit, $prepare)
            ON CONFLICT (projection) DO UPDATE SET commit_position = excluded.commit_position, prepare_position = excluded.prepare_position
            """);
        command.Parameters.AddWithValue("$projection", follower);
        command.Parameters.AddWithValue("$commit", unchecked((long)checkpoint.Commit));
        command.Parameters.AddWithValue("$prepare", unchecked((long)checkpoint.Prepare));
        command.ExecuteNonQuery();
    }

    static SqliteCommand Command(SqliteConnection connection, string sql) => SqliteCommands.Of(connection, sql);

    static SqliteCommand Command(SqliteTransaction transaction, string sql) => SqliteCommands.Of(transaction, sql);
}
