using System.Diagnostics;
using System.Runtime.InteropServices;
using Orders.Decider;
using Orders.Decider.Serialization;
using Orders.EventStore;
using Orders.EventStore.Sqlite;

namespace Orders.Bench;

/// <summary>An event log written for a benchmark: where it is, what it holds, and the position of its last event.</summary>
public sealed record SeededLog(string Path, long Events, int Orders, LogPosition Head, TimeSpan Took);

/// <summary>
/// Writes order histories into a SQLite event log through <see cref="SqliteEventStore"/>, interleaved as live
/// traffic would leave them: a few thousand orders are open at a time, and each round appends the next event of
/// a random selection of them, so new orders start while older ones are paid, submitted and completed.
/// </summary>
public static class LogSeeder
{
    /// <summary>The SQLite writer commits up to 512 queued appends in one transaction; a round fills one.</summary>
    const int AppendsPerRound = 512;

    const int OpenOrders = 4_000;

    static readonly byte[] Metadata = """{"traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}"""u8.ToArray();

    public static async Task<SeededLog> WriteAsync(string path, IEnumerable<IReadOnlyList<OrderEvent>> histories, int seed)
    {
        var clock = Stopwatch.StartNew();
        await using var store = new SqliteEventStore(path, TimeProvider.System);
        var random = new Random(seed);
        using var waiting = histories.Select(h => new OpenOrder(OrderStream.Name(Guid.CreateVersion7()), h)).GetEnumerator();
        var open = new List<OpenOrder>(OpenOrders);
        var more = true;
        long events = 0;
        var orders = 0;
        var head = default(LogPosition);
        while (true)
        {
            while (more && open.Count < OpenOrders && (more = waiting.MoveNext()))
            {
                open.Add(waiting.Current);
                orders++;
            }
            if (open.Count == 0)
                break;
            random.Shuffle(CollectionsMarshal.AsSpan(open));
            var round = open.Take(AppendsPerRound).ToList();
            var results = await Task.WhenAll(round.Select(order => order.AppendNextAsync(store)));
            foreach (var result in results)
            {
                if (result is not AppendResult.Appended appended)
                    throw new InvalidOperationException($"The seeding append was refused: {result}");
                if (appended.Position > head)
                    head = appended.Position;
            }
            events += round.Count;
            open.RemoveAll(order => order.Done);
        }
        return new SeededLog(path, events, orders, head, clock.Elapsed);
    }

    sealed class OpenOrder(string stream, IReadOnlyList<OrderEvent> history)
    {
        int _next;

        public bool Done => _next == history.Count;

        public Task<AppendResult> AppendNextAsync(SqliteEventStore store)
        {
            var @event = history[_next];
            var expected = ExpectedVersion.After(_next++);
            return store.AppendAsync(stream, expected,
                [new EventData(Guid.CreateVersion7(), OrderEventCodec.TypeOf(@event), OrderEventCodec.Encode(@event), Metadata)]);
        }
    }
}
