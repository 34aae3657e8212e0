using System.Text;
using Orders.EventStore;

namespace Orders.Specs.EventStore;

/// <summary>
/// What every <see cref="IEventStore"/> adapter does. An adapter subclasses this with a factory for its store. Each
/// test writes only to streams of its own (whole-log reads filter by a prefix of its own), so a store shared with
/// other tests or runs gives the same answers.
/// </summary>
public abstract class EventStoreContract : IAsyncLifetime
{
    private IEventStore? _store;

    /// <summary>The store under test; the test is reported as skipped, with the reason, when there is none here.</summary>
    protected IEventStore Store
    {
        get
        {
            Skip.If(_store is null, UnavailableReason);
            return _store!;
        }
    }

    /// <summary>A store for one test, disposed after it when it is <see cref="IAsyncDisposable"/>; null when this
    /// machine has none (a server-backed adapter without its connection setting).</summary>
    protected abstract Task<IEventStore?> CreateStoreAsync();

    /// <summary>Why <see cref="CreateStoreAsync"/> gave no store.</summary>
    protected virtual string UnavailableReason => "no store";

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public virtual async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable) await disposable.DisposeAsync();
    }

    [SkippableFact]
    public async Task Appended_events_read_back_with_their_ids_types_bytes_and_metadata()
    {
        var stream = NewStream();
        EventData[] events =
        [
            new(Guid.NewGuid(), "V1_ORDER_CREATED", Utf8("""{"accountEmail":"a@b.c"}"""), Utf8("""{"traceparent":"00-1"}""")),
            new(Guid.NewGuid(), "V1_ORDER_SUBMITTED", Array.Empty<byte>(), Utf8("{}")),
            new(Guid.NewGuid(), "V1_ORDER_PAID", new byte[] { 0, 1, 2, 255 }, Utf8("""{"uber-trace-id":"x"}""")),
        ];

        await Store.AppendAsync(stream, ExpectedVersion.NoStream, events);
        var read = await Store.ReadStreamAsync(stream);

        Assert.Equal(events.Select(e => (e.EventId, e.Type, Hex(e.Data), Hex(e.Metadata))),
            read.Select(e => (e.EventId, e.Type, Hex(e.Data), Hex(e.Metadata))));
        Assert.All(read, e => Assert.Equal(stream, e.StreamId));
        Assert.All(read, e => Assert.Equal(TimeSpan.Zero, e.Created.Offset));
    }

    [SkippableFact]
    public async Task Versions_start_at_zero_and_count_on_across_appends()
    {
        var stream = NewStream();

        var first = await Store.AppendAsync(stream, ExpectedVersion.NoStream, [NewEvent(), NewEvent()]);
        var second = await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), [NewEvent()]);

        Assert.Equal(1, Assert.IsType<AppendResult.Appended>(first).Version);
        Assert.Equal(2, Assert.IsType<AppendResult.Appended>(second).Version);
        Assert.Equal([0L, 1L, 2L], (await Store.ReadStreamAsync(stream)).Select(e => e.StreamVersion));
    }

    [SkippableFact]
    public async Task The_appended_position_is_the_position_of_the_last_event()
    {
        var stream = NewStream();

        var appended = Assert.IsType<AppendResult.Appended>(
            await Store.AppendAsync(stream, ExpectedVersion.NoStream, [NewEvent(), NewEvent()]));

        Assert.Equal((await Store.ReadStreamAsync(stream))[^1].Position, appended.Position);
    }

    [SkippableFact]
    public async Task NoStream_on_an_existing_stream_fails_with_its_version()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [NewEvent(), NewEvent()]);

        var result = await Store.AppendAsync(stream, ExpectedVersion.NoStream, [NewEvent()]);

        Assert.Equal(new AppendResult.WrongExpectedVersion(1), result);
        Assert.Equal(2, (await Store.ReadStreamAsync(stream)).Count);
    }

    [SkippableFact]
    public async Task A_wrong_expected_version_fails_with_the_actual_one_and_writes_nothing()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [NewEvent(), NewEvent(), NewEvent()]);

        var stale = await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), [NewEvent()]);
        var ahead = await Store.AppendAsync(stream, ExpectedVersion.Exactly(7), [NewEvent()]);

        Assert.Equal(new AppendResult.WrongExpectedVersion(2), stale);
        Assert.Equal(new AppendResult.WrongExpectedVersion(2), ahead);
        Assert.Equal(3, (await Store.ReadStreamAsync(stream)).Count);
    }

    [SkippableFact]
    public async Task An_expected_version_on_a_missing_stream_fails_with_minus_one()
    {
        var result = await Store.AppendAsync(NewStream(), ExpectedVersion.Exactly(0), [NewEvent()]);

        Assert.Equal(new AppendResult.WrongExpectedVersion(-1), result);
    }

    [SkippableFact]
    public async Task Any_appends_whether_or_not_the_stream_exists()
    {
        var stream = NewStream();

        var created = await Store.AppendAsync(stream, ExpectedVersion.Any, [NewEvent()]);
        var extended = await Store.AppendAsync(stream, ExpectedVersion.Any, [NewEvent(), NewEvent()]);

        Assert.Equal(0, Assert.IsType<AppendResult.Appended>(created).Version);
        Assert.Equal(2, Assert.IsType<AppendResult.Appended>(extended).Version);
    }

    [SkippableFact]
    public async Task Repeating_an_append_after_the_same_expected_version_returns_the_original_result_and_writes_nothing()
    {
        var stream = NewStream();
        EventData[] created = [NewEvent(), NewEvent()];
        EventData[] paid = [NewEvent()];
        var firstCreate = await Store.AppendAsync(stream, ExpectedVersion.NoStream, created);
        var firstPay = await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), paid);
        await Store.AppendAsync(stream, ExpectedVersion.Exactly(2), [NewEvent()]);

        var repeatedCreate = await Store.AppendAsync(stream, ExpectedVersion.NoStream, created);
        var repeatedPay = await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), paid);

        Assert.Equal(firstCreate, repeatedCreate);
        Assert.Equal(firstPay, repeatedPay);
        Assert.Equal(4, (await Store.ReadStreamAsync(stream)).Count);
    }

    [SkippableFact]
    public async Task A_batch_that_only_partly_repeats_an_earlier_one_is_a_conflict()
    {
        var stream = NewStream();
        var first = NewEvent();
        var second = NewEvent();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [first, second]);

        var result = await Store.AppendAsync(stream, ExpectedVersion.NoStream, [first, second, NewEvent()]);

        Assert.Equal(new AppendResult.WrongExpectedVersion(1), result);
        Assert.Equal(2, (await Store.ReadStreamAsync(stream)).Count);
    }

    [SkippableFact]
    public async Task Reading_a_missing_stream_is_empty()
    {
        Assert.Empty(await Store.ReadStreamAsync(NewStream()));
    }

    [SkippableFact]
    public async Task ReadAll_is_in_log_order_across_streams()
    {
        var prefix = NewPrefix();
        var (a, b) = (prefix + Guid.NewGuid(), prefix + Guid.NewGuid());
        var appended = new List<Guid>();
        foreach (var (stream, expected) in new[]
                 {
                     (a, ExpectedVersion.NoStream), (b, ExpectedVersion.NoStream), (a, ExpectedVersion.Exactly(0)),
                     (b, ExpectedVersion.Exactly(0)),
                 })
        {
            var e = NewEvent();
            await Store.AppendAsync(stream, expected, [e]);
            appended.Add(e.EventId);
        }

        var all = await Store.ReadAllAsync(null, 100, prefix);

        Assert.Equal(appended, all.Select(e => e.EventId));
        Assert.Equal([a, b, a, b], all.Select(e => e.StreamId));
        Assert.True(all.Zip(all.Skip(1)).All(pair => pair.Item1.Position < pair.Item2.Position));
    }

    [SkippableFact]
    public async Task ReadAll_starts_strictly_after_the_given_position()
    {
        var prefix = NewPrefix();
        var stream = prefix + Guid.NewGuid();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [NewEvent(), NewEvent(), NewEvent()]);
        var all = await Store.ReadAllAsync(null, 100, prefix);

        var afterFirst = await Store.ReadAllAsync(all[0].Position, 100, prefix);
        var afterLast = await Store.ReadAllAsync(all[^1].Position, 100, prefix);

        Assert.Equal(all.Skip(1).Select(e => e.EventId), afterFirst.Select(e => e.EventId));
        Assert.Empty(afterLast);
    }

    [SkippableFact]
    public async Task ReadAll_returns_at_most_maxCount_events()
    {
        var prefix = NewPrefix();
        await Store.AppendAsync(prefix + Guid.NewGuid(), ExpectedVersion.NoStream, [.. Enumerable.Range(0, 5).Select(_ => NewEvent())]);

        var page = await Store.ReadAllAsync(null, 2, prefix);
        var next = await Store.ReadAllAsync(page[^1].Position, 2, prefix);

        Assert.Equal([0L, 1L], page.Select(e => e.StreamVersion));
        Assert.Equal([2L, 3L], next.Select(e => e.StreamVersion));
    }

    [SkippableFact]
    public async Task ReadAll_returns_only_streams_with_the_prefix()
    {
        var prefix = NewPrefix();
        var inside = prefix + Guid.NewGuid();
        await Store.AppendAsync(inside, ExpectedVersion.NoStream, [NewEvent()]);
        await Store.AppendAsync("x" + prefix + Guid.NewGuid(), ExpectedVersion.NoStream, [NewEvent()]);
        await Store.AppendAsync(prefix.ToUpperInvariant() + Guid.NewGuid(), ExpectedVersion.NoStream, [NewEvent()]);
        await Store.AppendAsync(inside, ExpectedVersion.Exactly(0), [NewEvent()]);

        var all = await Store.ReadAllAsync(null, 100, prefix);

        Assert.Equal([inside, inside], all.Select(e => e.StreamId));
    }

    [SkippableFact]
    public async Task A_subscription_delivers_what_is_stored_then_what_is_appended_in_order_once_each()
    {
        var prefix = NewPrefix();
        var (a, b) = (prefix + Guid.NewGuid(), prefix + Guid.NewGuid());
        EventData[] stored = [NewEvent(), NewEvent(), NewEvent()];
        await Store.AppendAsync(a, ExpectedVersion.NoStream, stored);
        var all = await Store.ReadAllAsync(null, 100, prefix);
        await using var subscription = SubscriptionProbe.Start(Store, all[0].Position, prefix);

        var caughtUp = await subscription.TakeAsync(2);
        EventData[] live = [NewEvent(), NewEvent()];
        await Store.AppendAsync(b, ExpectedVersion.NoStream, [live[0]]);
        await Store.AppendAsync(a, ExpectedVersion.Exactly(2), [live[1]]);
        var delivered = await subscription.TakeAsync(2);

        Assert.Equal(stored.Skip(1).Select(e => e.EventId), caughtUp.Select(e => e.EventId));
        Assert.Equal(live.Select(e => e.EventId), delivered.Select(e => e.EventId));
        Assert.True(await subscription.StaysQuietAsync(TimeSpan.FromMilliseconds(300)));
    }

    [SkippableFact]
    public async Task A_subscription_from_the_head_delivers_only_new_events()
    {
        var prefix = NewPrefix();
        var stream = prefix + Guid.NewGuid();
        var head = Assert.IsType<AppendResult.Appended>(
            await Store.AppendAsync(stream, ExpectedVersion.NoStream, [NewEvent(), NewEvent()]));
        await using var subscription = SubscriptionProbe.Start(Store, head.Position, prefix);

        var next = NewEvent();
        await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), [next]);

        Assert.Equal(next.EventId, (await subscription.TakeAsync(1))[0].EventId);
        Assert.True(await subscription.StaysQuietAsync(TimeSpan.FromMilliseconds(300)));
    }

    [SkippableFact]
    public async Task A_subscription_delivers_a_burst_larger_than_a_page_without_gaps()
    {
        var prefix = NewPrefix();
        await using var subscription = SubscriptionProbe.Start(Store, null, prefix);
        var appends = Enumerable.Range(0, 40).Select(_ =>
            Store.AppendAsync(prefix + Guid.NewGuid(), ExpectedVersion.NoStream, [.. Enumerable.Range(0, 30).Select(_ => NewEvent())]));
        await Task.WhenAll(appends);

        var delivered = await subscription.TakeAsync(1200);

        Assert.Equal(
            (await ReadAllOfAsync(prefix)).Select(e => e.EventId),
            delivered.Select(e => e.EventId));
    }

    [SkippableFact]
    public async Task Cancelling_a_live_subscription_ends_it()
    {
        var subscription = SubscriptionProbe.Start(Store, null, NewPrefix());
        await using (subscription)
        {
            await subscription.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => subscription.Ending.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    [SkippableFact]
    public async Task Fifty_writers_racing_on_one_stream_with_retries_leave_fifty_events_numbered_in_order()
    {
        var stream = NewStream();

        var written = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => AppendWithRetriesAsync(stream))));

        var read = await Store.ReadStreamAsync(stream);
        Assert.Equal(Enumerable.Range(0, 50).Select(v => (long)v), read.Select(e => e.StreamVersion));
        Assert.Equal(written.Order(), read.Select(e => e.EventId).Order());
    }

    [SkippableFact]
    public async Task Twenty_writers_on_twenty_streams_all_succeed()
    {
        var streams = Enumerable.Range(0, 20).Select(_ => NewStream()).ToList();

        var results = await Task.WhenAll(streams.Select(stream =>
            Task.Run(() => Store.AppendAsync(stream, ExpectedVersion.NoStream, [NewEvent()]))));

        Assert.All(results, result => Assert.Equal(0, Assert.IsType<AppendResult.Appended>(result).Version));
        foreach (var stream in streams) Assert.Single(await Store.ReadStreamAsync(stream));
    }

    protected static string NewStream() => $"order-{Guid.NewGuid()}";

    /// <summary>A stream-name prefix no other test uses, for reads of the whole log.</summary>
    protected static string NewPrefix() => $"contract{Guid.NewGuid():N}-";

    protected static EventData NewEvent() =>
        new(Guid.NewGuid(), "V1_ORDER_CREATED", Utf8($$"""{"n":"{{Guid.NewGuid()}}"}"""), Utf8("{}"));

    private async Task<Guid> AppendWithRetriesAsync(string stream)
    {
        var e = NewEvent();
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var loaded = await Store.ReadStreamAsync(stream);
            if (await Store.AppendAsync(stream, ExpectedVersion.After(loaded.Count), [e]) is AppendResult.Appended)
                return e.EventId;
        }

        throw new InvalidOperationException("An append kept conflicting.");
    }

    private async Task<List<RecordedEvent>> ReadAllOfAsync(string prefix)
    {
        var all = new List<RecordedEvent>();
        for (var page = await Store.ReadAllAsync(null, 500, prefix); page.Count > 0;
             page = await Store.ReadAllAsync(page[^1].Position, 500, prefix))
        {
            all.AddRange(page);
        }

        return all;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Hex(ReadOnlyMemory<byte> bytes) => Convert.ToHexString(bytes.Span);
}
