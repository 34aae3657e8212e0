using Microsoft.Data.Sqlite;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Search;
using Orders.Projections.Sqlite;

namespace Orders.Specs.Projections.Contracts;

/// <summary>
/// A read-model file in a temporary folder, and the stores opened over it. The SQLite stores run the contracts too,
/// so that the contracts are known to hold for the embedded stores that define the behaviour.
/// </summary>
sealed class SqliteContractFile
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "orders-contract-" + Guid.NewGuid().ToString("N"));
    readonly List<IDisposable> _opened = [];
    SqliteReadModelFile? _file;

    public T Open<T>(Func<SqliteReadModelFile, T> store) where T : IDisposable
    {
        _file ??= new SqliteReadModelFile(Path.Combine(_folder, "orders.read.db"));
        var opening = store(_file);
        _opened.Add(opening);
        return opening;
    }

    public void Drop()
    {
        foreach (var store in _opened)
            store.Dispose();
        _file?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class SqliteOrderDocumentStoreContract : OrderDocumentStoreContract
{
    readonly SqliteContractFile _file = new();

    protected override Task<IProjectionStore<OrderDocument>?> OpenAsync() =>
        Task.FromResult<IProjectionStore<OrderDocument>?>(_file.Open(f => new SqliteOrderDocumentStore(f)));

    protected override Task DropAsync()
    {
        _file.Drop();
        return Task.CompletedTask;
    }
}

public sealed class SqliteSearchStoreContract : SearchStoreContract
{
    readonly SqliteContractFile _file = new();

    protected override Task<IProjectionStore<OrderDocument>?> OpenAsync() =>
        Task.FromResult<IProjectionStore<OrderDocument>?>(_file.Open(f => new SqliteSearchStore(f)));

    protected override Task DropAsync()
    {
        _file.Drop();
        return Task.CompletedTask;
    }
}

/// <summary>The checkpoint store of a read-model file, where the read models keep theirs beside their documents.</summary>
public sealed class SqliteCheckpointStoreContract : CheckpointStoreContract
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "orders-contract-" + Guid.NewGuid().ToString("N"));
    SqliteReadModelFile? _file;

    protected override Task<ICheckpointStore?> OpenAsync(string follower)
    {
        _file ??= new SqliteReadModelFile(Path.Combine(_folder, "orders.read.db"));
        return Task.FromResult<ICheckpointStore?>(new SqliteCheckpointStore(_file.Open, follower));
    }

    protected override Task DropAsync()
    {
        _file?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
