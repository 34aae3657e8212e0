using Microsoft.Data.Sqlite;
using Orders.EventStore;
using Orders.Host.Messaging;
using Orders.Projections;
using Orders.Specs.Projections.Contracts;

namespace Orders.Specs.Messaging;

/// <summary>The event publisher's checkpoint file (<c>orders.messaging.db</c>): the checkpoint store's contract, no broker needed.</summary>
public sealed class PublisherCheckpointContract : CheckpointStoreContract
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "orders-publisher-" + Guid.NewGuid().ToString("N"));

    protected override Task<ICheckpointStore?> OpenAsync(string follower) =>
        Task.FromResult<ICheckpointStore?>(PublisherCheckpoint.Open(Path.Combine(_folder, "orders.messaging.db"), follower));

    protected override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>A messaging file written before the checkpoint stores were one: its checkpoint is read on, not lost.</summary>
public sealed class PublisherCheckpointMigrationSpecs : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "orders-publisher-" + Guid.NewGuid().ToString("N"));

    string File => Path.Combine(_folder, "orders.messaging.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The layout the publisher wrote until now, with its checkpoint and another exchange's.</summary>
    void WriteEarlierFile()
    {
        Directory.CreateDirectory(_folder);
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE publisher_checkpoints (
                publisher TEXT PRIMARY KEY,
                commit_position INTEGER NOT NULL,
                prepare_position INTEGER NOT NULL);
            INSERT INTO publisher_checkpoints VALUES ('orders.events', 9000000000, 8999999990), ('other.events', 12, 11);
            """;
        command.ExecuteNonQuery();
    }

    List<string> Tables()
    {
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
            names.Add(reader.GetString(0));
        return names;
    }

    [Fact]
    public async Task The_checkpoints_of_an_earlier_file_move_to_the_shared_table_and_the_old_one_goes()
    {
        WriteEarlierFile();

        var store = PublisherCheckpoint.Open(File, "orders.events");

        Assert.Equal(new LogPosition(9_000_000_000, 8_999_999_990), await store.ReadCheckpointAsync());
        Assert.Equal(new LogPosition(12, 11), await PublisherCheckpoint.Open(File, "other.events").ReadCheckpointAsync());
        Assert.Equal(["checkpoints", "leases", "parked_events"], Tables());
    }

    [Fact]
    public async Task A_migrated_file_opens_again_as_it_is_and_its_checkpoint_moves_on()
    {
        WriteEarlierFile();
        await PublisherCheckpoint.Open(File, "orders.events").SaveAsync(CheckpointChange.MoveTo(LogPosition.Of(9_000_000_500)));

        var reopened = PublisherCheckpoint.Open(File, "orders.events");

        Assert.Equal(LogPosition.Of(9_000_000_500), await reopened.ReadCheckpointAsync());
    }
}
