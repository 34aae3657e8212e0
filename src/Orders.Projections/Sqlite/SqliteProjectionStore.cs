using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;
using Orders.EventStore;
using Orders.Projections.Runner;

namespace Orders.Projections.Sqlite;

/// <summary>
/// What both SQLite read models share: documents as JSON keyed by order id with the version they reflect, the
/// checkpoint and parked events in the same file (<see cref="SqliteCheckpointStore"/>), and one transaction per
/// commit. The runner's loads and commits go through one long-lived connection; queries open pooled ones, which WAL
/// lets read meanwhile.
/// </summary>
public abstract class SqliteProjectionStore<TDocument> : IProjectionStore<TDocument>, IDisposable
    where TDocument : class, IVersionedDocument
{
    readonly SqliteCheckpointStore _checkpoints;
    readonly string _table;
    readonly JsonTypeInfo<TDocument> _json;
    SqliteConnection? _writer;
    bool _catchingUp;

    protected SqliteProjectionStore(SqliteReadModelFile file, string projection, string table, JsonTypeInfo<TDocument> json)
    {
        File = file;
        _checkpoints = new SqliteCheckpointStore(file.Open, projection);
        _table = table;
        _json = json;
    }

    protected SqliteReadModelFile File { get; }

    SqliteConnection Writer => _writer ??= File.OpenWriter();

    public Task<LogPosition?> ReadCheckpointAsync(CancellationToken ct = default) => _checkpoints.ReadCheckpointAsync(ct);

    public Task<ProjectionLease?> TakeLeaseAsync(string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default) =>
        _checkpoints.TakeLeaseAsync(holder, now, until, ct);

    public Task ReleaseLeaseAsync(string holder, CancellationToken ct = default) => _checkpoints.ReleaseLeaseAsync(holder, ct);

    public Task<ProjectionLease?> ReadLeaseAsync(CancellationToken ct = default) => _checkpoints.ReadLeaseAsync(ct);

    public Task<IReadOnlyDictionary<Guid, TDocument>> LoadAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct = default)
    {
        using var command = Command(Writer, $"SELECT body FROM {_table} WHERE id IN (SELECT value FROM json_each($ids))");
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
        using var command = Command(connection, $"SELECT version FROM {_table} WHERE id = $id");
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
        var catchingUp = commit.Documents.Count >= ProjectionRunnerOptions.CatchUpDocuments;
        if (catchingUp != _catchingUp)
        {
            SqliteReadModelFile.SizeWriter(Writer, catchingUp);
            _catchingUp = catchingUp;
        }
        using var transaction = Writer.BeginTransaction();
        if (commit.Documents.Count > 0)
            Write(transaction, commit.Documents);
        _checkpoints.Save(transaction, commit.State);
        transaction.Commit();
    }

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(CancellationToken ct = default) => _checkpoints.ListParkedAsync(ct);

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
        _checkpoints.Forget(transaction);
        transaction.Commit();
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
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
    protected byte[] Serialize(TDocument document) => JsonSerializer.SerializeToUtf8Bytes(document, _json);

    protected TDocument Deserialize(ReadOnlySpan<byte> body) =>
        JsonSerializer.Deserialize(body, _json) ?? throw new JsonException($"A stored {_table} row holds JSON null.");

    protected static string Key(Guid orderId) => orderId.ToString("D");

    protected static SqliteCommand Command(SqliteConnection connection, string sql) => SqliteCommands.Of(connection, sql);

    protected static SqliteCommand Command(SqliteTransaction transaction, string sql) => SqliteCommands.Of(transaction, sql);
}
