using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;
using Orders.EventStore;

namespace Orders.Projections.Sqlite;

/// <summary>
/// What both SQLite read models share: documents as JSON keyed by order id with the version they reflect, the
/// checkpoint and parked events in the same file, and one transaction per commit. The runner's loads and
/// commits go through one long-lived connection; queries open pooled ones, which WAL lets read meanwhile.
/// </summary>
public abstract class SqliteProjectionStore<TDocument> : IProjectionStore<TDocument>, IDisposable
    where TDocument : class, IVersionedDocument
{
    readonly string projection;
    readonly string table;
    readonly JsonTypeInfo<TDocument> json;
    SqliteConnection? writer;

    protected SqliteProjectionStore(SqliteReadModelFile file, string projection, string table, JsonTypeInfo<TDocument> json)
    {
        File = file;
        this.projection = projection;
        this.table = table;
        this.json = json;
    }

    protected SqliteReadModelFile File { get; }

    SqliteConnection Writer => writer ??= File.Open();

    public Task<LogPosition?> ReadCheckpointAsync(CancellationToken ct = default)
    {
        using var connection = File.Open();
        using var command = Command(connection, "SELECT commit_position, prepare_position FROM checkpoints WHERE projection = $projection");
        command.Parameters.AddWithValue("$projection", projection);
        using var reader = command.ExecuteReader();
        return Task.FromResult<LogPosition?>(reader.Read() ? new LogPosition((ulong)reader.GetInt64(0), (ulong)reader.GetInt64(1)) : null);
    }

    public Task<IReadOnlyDictionary<Guid, TDocument>> LoadAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct = default)
    {
        using var command = Command(Writer, $"SELECT body FROM {table} WHERE id IN (SELECT value FROM json_each($ids))");
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(orderIds.Select(Key).ToArray(), ReadModelJson.Default.StringArray));
        var documents = new Dictionary<Guid, TDocument>(orderIds.Count);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var document = Deserialize(reader.GetFieldValue<byte[]>(0));
            documents[document.OrderId] = document;
        }
        return Task.FromResult<IReadOnlyDictionary<Guid, TDocument>>(documents);
    }

    public Task<long?> ReadVersionAsync(Guid orderId, CancellationToken ct = default)
    {
        using var connection = File.Open();
        using var command = Command(connection, $"SELECT version FROM {table} WHERE id = $id");
        command.Parameters.AddWithValue("$id", Key(orderId));
        return Task.FromResult(command.ExecuteScalar() is long version ? version : (long?)null);
    }

    public async Task CommitAsync(ProjectionCommit<TDocument> commit, CancellationToken ct = default)
    {
        await File.WriteTurn.WaitAsync(ct);
        try
        {
            Commit(commit);
        }
        finally
        {
            File.WriteTurn.Release();
        }
    }

    void Commit(ProjectionCommit<TDocument> commit)
    {
        using var transaction = Writer.BeginTransaction();
        if (commit.Documents.Count > 0)
            Write(transaction, commit.Documents);
        foreach (var parked in commit.Parked)
            Park(transaction, parked);
        foreach (var released in commit.Released)
            Release(transaction, released);
        if (commit.Checkpoint is { } checkpoint)
            WriteCheckpoint(transaction, checkpoint);
        transaction.Commit();
    }

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(CancellationToken ct = default)
    {
        using var connection = File.Open();
        using var command = Command(connection, """
            SELECT stream_id, stream_version, commit_position, prepare_position, event_id, type, data, metadata,
                   created, error, attempts, parked_at, held_behind
            FROM parked_events WHERE projection = $projection
            ORDER BY commit_position, prepare_position
            """);
        command.Parameters.AddWithValue("$projection", projection);
        using var reader = command.ExecuteReader();
        var parked = new List<ParkedEvent>();
        while (reader.Read())
        {
            var recorded = new RecordedEvent(
                reader.GetString(0),
                reader.GetInt64(1),
                new LogPosition((ulong)reader.GetInt64(2), (ulong)reader.GetInt64(3)),
                Guid.Parse(reader.GetString(4)),
                reader.GetString(5),
                (byte[])reader.GetValue(6),
                (byte[])reader.GetValue(7),
                DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture));
            parked.Add(new ParkedEvent(
                projection,
                recorded,
                reader.GetString(9),
                reader.GetInt32(10),
                DateTimeOffset.Parse(reader.GetString(11), CultureInfo.InvariantCulture),
                reader.IsDBNull(12) ? null : reader.GetInt64(12)));
        }
        return Task.FromResult<IReadOnlyList<ParkedEvent>>(parked);
    }

    public async Task ResetAsync(CancellationToken ct = default)
    {
        await File.WriteTurn.WaitAsync(ct);
        try
        {
            Reset();
        }
        finally
        {
            File.WriteTurn.Release();
        }
    }

    void Reset()
    {
        using var transaction = Writer.BeginTransaction();
        Clear(transaction);
        foreach (var sql in new[] { "DELETE FROM checkpoints WHERE projection = $projection", "DELETE FROM parked_events WHERE projection = $projection" })
        {
            using var command = Command(transaction, sql);
            command.Parameters.AddWithValue("$projection", projection);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public async Task<ProjectionLease?> TakeLeaseAsync(string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default)
    {
        await File.WriteTurn.WaitAsync(ct);
        try
        {
            using var transaction = Writer.BeginTransaction();
            using (var take = Command(transaction, """
                INSERT INTO leases (projection, holder, expires) VALUES ($projection, $holder, $until)
                ON CONFLICT (projection) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
                WHERE leases.holder = excluded.holder OR leases.expires < $now
                """))
            {
                take.Parameters.AddWithValue("$projection", projection);
                take.Parameters.AddWithValue("$holder", holder);
                take.Parameters.AddWithValue("$until", until.ToUnixTimeMilliseconds());
                take.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                take.ExecuteNonQuery();
            }
            var lease = ReadLease(Writer, transaction);
            transaction.Commit();
            return lease;
        }
        finally
        {
            File.WriteTurn.Release();
        }
    }

    public async Task ReleaseLeaseAsync(string holder, CancellationToken ct = default)
    {
        await File.WriteTurn.WaitAsync(ct);
        try
        {
            using var command = Command(Writer, "DELETE FROM leases WHERE projection = $projection AND holder = $holder");
            command.Parameters.AddWithValue("$projection", projection);
            command.Parameters.AddWithValue("$holder", holder);
            command.ExecuteNonQuery();
        }
        finally
        {
            File.WriteTurn.Release();
        }
    }

    public Task<ProjectionLease?> ReadLeaseAsync(CancellationToken ct = default)
    {
        using var connection = File.Open();
        return Task.FromResult(ReadLease(connection, transaction: null));
    }

    ProjectionLease? ReadLease(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = Command(connection, "SELECT holder, expires FROM leases WHERE projection = $projection");
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$projection", projection);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new ProjectionLease(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))) : null;
    }

    public void Dispose()
    {
        writer?.Dispose();
        writer = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>Stores the documents, keeping a stored one whose version is higher.</summary>
    protected abstract void Write(SqliteTransaction transaction, IReadOnlyCollection<TDocument> documents);

    /// <summary>Deletes every document.</summary>
    protected abstract void Clear(SqliteTransaction transaction);

    /// <summary>
    /// Bodies are stored as UTF-8 bytes: SQLite keeps text in UTF-8 anyway, so this skips building a .NET string and
    /// transcoding it on every write and read. Rows an earlier version wrote as text read back the same.
    /// </summary>
    protected byte[] Serialize(TDocument document) => JsonSerializer.SerializeToUtf8Bytes(document, json);

    protected TDocument Deserialize(ReadOnlySpan<byte> body) =>
        JsonSerializer.Deserialize(body, json) ?? throw new JsonException($"A stored {table} row holds JSON null.");

    protected static string Key(Guid orderId) => orderId.ToString("D");

    protected static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    protected static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = Command(transaction.Connection!, sql);
        command.Transaction = transaction;
        return command;
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
        command.Parameters.AddWithValue("$projection", projection);
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
        command.Parameters.AddWithValue("$projection", projection);
        command.Parameters.AddWithValue("$stream", released.Event.StreamId);
        command.Parameters.AddWithValue("$version", released.Event.StreamVersion);
        command.ExecuteNonQuery();
    }

    void WriteCheckpoint(SqliteTransaction transaction, LogPosition checkpoint)
    {
        using var command = Command(transaction, """
            INSERT INTO checkpoints (projection, commit_position, prepare_position) VALUES ($projection, $commit, $prepare)
            ON CONFLICT (projection) DO UPDATE SET commit_position = excluded.commit_position, prepare_position = excluded.prepare_position
            WHERE (excluded.commit_position, excluded.prepare_position) > (checkpoints.commit_position, checkpoints.prepare_position)
            """);
        command.Parameters.AddWithValue("$projection", projection);
        command.Parameters.AddWithValue("$commit", unchecked((long)checkpoint.Commit));
        command.Parameters.AddWithValue("$prepare", unchecked((long)checkpoint.Prepare));
        command.ExecuteNonQuery();
    }
}
