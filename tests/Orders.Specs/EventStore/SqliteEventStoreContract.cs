using Orders.EventStore;
using Orders.EventStore.Sqlite;

namespace Orders.Specs.EventStore;

public sealed class SqliteEventStoreContract : EventStoreContract
{
    private readonly TempDatabase _database = new();

    protected override Task<IEventStore?> CreateStoreAsync() =>
        Task.FromResult<IEventStore?>(new SqliteEventStore(_database.FilePath, TimeProvider.System));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Delete();
    }
}
