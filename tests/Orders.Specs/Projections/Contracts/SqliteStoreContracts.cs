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
    readonly string folder = Path.Combine(Path.GetTempPath(), "orders-contract-" + Guid.NewGuid().ToString("N"));
    readonly List<IDisposable> opened = [];
    SqliteReadModelFile? file;

    public T Open<T>(Func<SqliteReadModelFile, T> store) where T : IDisposable
    {
        file ??= new SqliteReadModelFile(Path.Combine(folder, "orders.read.db"));
        var opening = store(file);
        opened.Add(opening);
        return opening;
    }

    public void Drop()
    {
        foreach (var store in opened)
            store.Dispose();
        file?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

public sealed class SqliteOrderDocumentStoreContract : OrderDocumentStoreContract
{
    readonly SqliteContractFile file = new();

    protected override Task<IProjectionStore<OrderDocument>?> OpenAsync() =>
        Task.FromResult<IProjectionStore<OrderDocument>?>(file.Open(f => new SqliteOrderDocumentStore(f)));

    protected override Task DropAsync()
    {
        file.Drop();
        return Task.CompletedTask;
    }
}

public sealed class SqliteSearchStoreContract : SearchStoreContract
{
    readonly SqliteContractFile file = new();

    protected override Task<IProjectionStore<OrderDocument>?> OpenAsync() =>
        Task.FromResult<IProjectionStore<OrderDocument>?>(file.Open(f => new SqliteSearchStore(f)));

    protected override Task DropAsync()
    {
        file.Drop();
        return Task.CompletedTask;
    }
}

/// <summary>The checkpoint store of a read-model file, where the read models keep theirs beside their documents.</summary>
public sealed class SqliteCheckpointStoreContract : CheckpointStoreContract
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "orders-contract-" + Guid.NewGuid().ToString("N"));
    SqliteReadModelFile? file;

    protected override Task<ICheckpointStore?> OpenAsync(string follower)
    {
        file ??= new SqliteReadModelFile(Path.Combine(folder, "orders.read.db"));
        return Task.FromResult<ICheckpointStore?>(new SqliteCheckpointStore(file.Open, follower));
    }

    protected override Task DropAsync()
    {
        file?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }
}
