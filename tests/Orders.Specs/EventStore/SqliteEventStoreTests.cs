using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orders.EventStore;
using Orders.EventStore.Sqlite;

namespace Orders.Specs.EventStore;

/// <summary>What the SQLite log does beyond the contract: its file, restarts, group commit, and its own rules.</summary>
public sealed class SqliteEventStoreTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Delete();

    [Fact]
    public async Task Opening_creates_the_folder_and_a_file_in_WAL_mode()
    {
        Assert.False(Directory.Exists(_database.Folder));

        await using (new SqliteEventStore(_database.FilePath, TimeProvider.System))
        {
            Assert.True(File.Exists(_database.FilePath));
            Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode"));
        }
    }

    [Fact]
    public async Task Events_survive_a_restart_and_versions_and_positions_continue()
    {
        var stream = NewStream();
        AppendResult.Appended before;
        await using (var store = Open())
        {
            before = Appended(await store.AppendAsync(stream, ExpectedVersion.NoStream, [NewEvent(), NewEvent()]));
        }

        await using var reopened = Open();
        var after = Appended(await reopened.AppendAsync(stream, ExpectedVersion.Exactly(1), [NewEvent()]));
        var fresh = Appended(await reopened.AppendAsync(NewStream(), ExpectedVersion.NoStream, [NewEvent()]));

        Assert.Equal(2, after.Version);
        Assert.True(after.Position > before.Position);
        Assert.True(fresh.Position > after.Position);
        Assert.Equal([0L, 1L, 2L], (await reopened.ReadStreamAsync(stream)).Select(e => e.StreamVersion));
    }

    [Fact]
    public async Task Sequential_appends_each_take_one_write_transaction()
    {
        await using var store = Open();
        var stream = NewStream();

        await store.AppendAsync(stream, ExpectedVersion.NoStream, [NewEvent()]);
        await store.AppendAsync(stream, ExpectedVersion.Exactly(0), [NewEvent()]);
        await store.AppendAsync(stream, ExpectedVersion.Exactly(1), [NewEvent()]);
        await store.AppendAsync(stream, ExpectedVersion.Exactly(0), [NewEvent()]);

        Assert.Equal(3, store.TransactionsCommitted);
    }

    [Fact]
    public async Task Concurrent_appends_share_write_transactions()
    {
        await using var store = Open();

        var appends = Enumerable.Range(0, 64)
            .Select(_ => store.AppendAsync(NewStream(), ExpectedVersion.NoStream, [NewEvent()]))
            .ToList();
        await Task.WhenAll(appends);

        Assert.All(appends, append => Appended(append.Result));
        Assert.InRange(store.TransactionsCommitted, 1, 16);
    }

    [Fact]
    public async Task Conflicting_appends_fail_alone_and_the_others_queued_with_them_are_written()
    {
        await using var store = Open();
        var contested = NewStream();
        var elsewhere = Enumerable.Range(0, 10).Select(_ => NewStream()).ToList();

        var winner = store.AppendAsync(contested, ExpectedVersion.NoStream, [NewEvent()]);
        var loser = store.AppendAsync(contested, ExpectedVersion.NoStream, [NewEvent()]);
        var others = elsewhere.Select(s => store.AppendAsync(s, ExpectedVersion.NoStream, [NewEvent()])).ToList();
        var stale = store.AppendAsync(NewStream(), ExpectedVersion.Exactly(3), [NewEvent()]);

        Assert.Equal(0, Appended(await winner).Version);
        Assert.Equal(new AppendResult.WrongExpectedVersion(0), await loser);
        Assert.Equal(new AppendResult.WrongExpectedVersion(-1), await stale);
        foreach (var other in others) Assert.Equal(0, Appended(await other).Version);
        foreach (var stream in elsewhere) Assert.Single(await store.ReadStreamAsync(stream));
    }

    [Fact]
    public async Task Disposing_commits_the_appends_already_queued_and_refuses_new_ones()
    {
        var streams = Enumerable.Range(0, 30).Select(_ => NewStream()).ToList();
        var store = Open();

        var queued = streams.Select(s => store.AppendAsync(s, ExpectedVersion.NoStream, [NewEvent()])).ToList();
        await store.DisposeAsync();

        Assert.All(queued, append => Assert.True(append.IsCompletedSuccessfully));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AppendAsync(NewStream(), ExpectedVersion.Any, [NewEvent()]));
        await using var reopened = Open();
        foreach (var stream in streams) Assert.Single(await reopened.ReadStreamAsync(stream));
    }

    [Fact]
    public async Task Ids_already_earlier_in_the_stream_are_a_conflict_even_at_its_current_version()
    {
        await using var store = Open();
        var stream = NewStream();
        var created = NewEvent();
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [created]);
        await store.AppendAsync(stream, ExpectedVersion.Exactly(0), [NewEvent()]);

        var result = await store.AppendAsync(stream, ExpectedVersion.Exactly(1), [created]);

        Assert.Equal(new AppendResult.WrongExpectedVersion(1), result);
        Assert.Equal(2, (await store.ReadStreamAsync(stream)).Count);
    }

    [Fact]
    public async Task Repeating_an_append_made_with_Any_returns_the_original_result()
    {
        await using var store = Open();
        var stream = NewStream();
        EventData[] batch = [NewEvent(), NewEvent()];
        var first = await store.AppendAsync(stream, ExpectedVersion.Any, batch);
        await store.AppendAsync(stream, ExpectedVersion.Any, [NewEvent()]);

        var repeated = await store.AppendAsync(stream, ExpectedVersion.Any, batch);
        var reordered = await store.AppendAsync(stream, ExpectedVersion.Any, [batch[1], batch[0]]);

        Assert.Equal(first, repeated);
        Assert.Equal(new AppendResult.WrongExpectedVersion(2), reordered);
        Assert.Equal(3, (await store.ReadStreamAsync(stream)).Count);
    }

    [Fact]
    public async Task An_event_id_recorded_in_another_stream_is_refused()
    {
        await using var store = Open();
        var e = NewEvent();
        var first = NewStream();
        await store.AppendAsync(first, ExpectedVersion.NoStream, [e]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.AppendAsync(NewStream(), ExpectedVersion.NoStream, [e]));

        Assert.Contains(first, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_batch_or_a_batch_repeating_an_id_is_refused_before_it_is_queued()
    {
        await using var store = Open();
        var e = NewEvent();

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(NewStream(), ExpectedVersion.Any, []));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(NewStream(), ExpectedVersion.Any, [e, e]));
        Assert.Equal(0, store.TransactionsCommitted);
    }

    [Fact]
    public async Task Events_carry_the_time_the_store_took_them()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 20, 15, 30, 123, TimeSpan.Zero).AddTicks(4567));
        await using var store = new SqliteEventStore(_database.FilePath, clock);
        var stream = NewStream();

        await store.AppendAsync(stream, ExpectedVersion.NoStream, [NewEvent()]);
        clock.Advance(TimeSpan.FromMinutes(1));
        await store.AppendAsync(stream, ExpectedVersion.Exactly(0), [NewEvent()]);

        var read = await store.ReadStreamAsync(stream);
        Assert.Equal(
            [new DateTimeOffset(2026, 11, 27, 20, 15, 30, 123, TimeSpan.Zero).AddTicks(4567), new DateTimeOffset(2026, 11, 27, 20, 16, 30, 123, TimeSpan.Zero).AddTicks(4567)],
            read.Select(e => e.Created));
    }

    [Fact]
    public async Task Another_process_appending_to_the_same_file_is_seen_by_version_checks_and_subscribers()
    {
        await using var here = Open();
        await using var there = Open();
        var stream = NewStream();
        await here.AppendAsync(stream, ExpectedVersion.NoStream, [NewEvent()]);
        await using var subscription = SubscriptionProbe.Start(here, null, stream);
        await subscription.TakeAsync(1);

        var conflict = await there.AppendAsync(stream, ExpectedVersion.NoStream, [NewEvent()]);
        var fromThere = NewEvent();
        await there.AppendAsync(stream, ExpectedVersion.Exactly(0), [fromThere]);

        Assert.Equal(new AppendResult.WrongExpectedVersion(0), conflict);
        Assert.Equal(fromThere.EventId, (await subscription.TakeAsync(1))[0].EventId);
    }

    [Fact]
    public async Task The_registered_store_is_one_singleton_that_commits_queued_appends_when_the_container_is_disposed()
    {
        var stream = NewStream();
        Task<AppendResult> queued;
        var provider = new ServiceCollection().AddSqliteEventStore(_database.FilePath).BuildServiceProvider();
        await using (provider)
        {
            var store = provider.GetRequiredService<IEventStore>();
            Assert.Same(store, provider.GetRequiredService<SqliteEventStore>());
            queued = store.AppendAsync(stream, ExpectedVersion.NoStream, [NewEvent()]);
        }

        Assert.True(queued.IsCompletedSuccessfully);
        await using var reopened = Open();
        Assert.Single(await reopened.ReadStreamAsync(stream));
    }

    private SqliteEventStore Open() => new(_database.FilePath, TimeProvider.System);

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_database.FilePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static AppendResult.Appended Appended(AppendResult result) => Assert.IsType<AppendResult.Appended>(result);

    private static string NewStream() => $"order-{Guid.NewGuid()}";

    private static EventData NewEvent() => new(Guid.NewGuid(), "V1_ORDER_CREATED", Encoding.UTF8.GetBytes("{}"), Array.Empty<byte>());
}
