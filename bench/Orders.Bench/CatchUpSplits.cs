using System.Diagnostics;
using Orders.Decider;
using Orders.EventStore;
using Orders.EventStore.Sqlite;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Runner;
using Orders.Projections.Search;

namespace Orders.Bench;

/// <summary>
/// Where a rebuild's time goes, stage by stage, each timed alone on one thread over the same log: reading it in
/// the subscription's pages, decoding the events, and folding every order's events onto both documents in memory.
/// What the full rebuild takes beyond these is writing the documents (JSON, SQLite, FTS5) and the runner itself.
/// Each stage also says what it allocates an event, which the garbage collector then pays for.
/// </summary>
public static class CatchUpSplits
{
    const int PageSize = 500;

    public static async Task<IReadOnlyList<string>> MeasureAsync(SeededLog log)
    {
        await using var store = new SqliteEventStore(log.Path, TimeProvider.System);
        var recorded = new List<RecordedEvent>((int)log.Events);
        var read = await TimeAsync(async () =>
        {
            LogPosition? after = null;
            while (true)
            {
                var page = await store.ReadAllAsync(after, PageSize, OrderStream.Prefix);
                recorded.AddRange(page);
                if (page.Count < PageSize)
                    break;
                after = page[^1].Position;
            }
        });

        List<ProjectedEvent> decoded = [];
        var decode = await TimeAsync(() =>
        {
            decoded = recorded.Select(BatchEvent.Of).Select(e => e!.Decoded!).ToList();
            return Task.CompletedTask;
        });

        var streams = decoded.GroupBy(e => e.OrderId).Select(g => g.ToList()).ToList();
        var foldDocuments = await TimeAsync(() => Fold(OrderDocumentProjection.Instance, streams));
        var foldSearch = await TimeAsync(() => Fold(OrderDocumentProjection.Search, streams));

        return
        [
            Line("read the log (pages of 500)", read, log.Events),
            Line("decode the events", decode, log.Events),
            Line("fold order documents in memory", foldDocuments, log.Events),
            Line("fold search documents in memory", foldSearch, log.Events),
        ];
    }

    static Task Fold<TDocument>(OrderProjection<TDocument> projection, List<List<ProjectedEvent>> streams)
        where TDocument : class, IVersionedDocument
    {
        foreach (var stream in streams)
            _ = projection.Fold(stream);
        return Task.CompletedTask;
    }

    static string Line(string stage, (TimeSpan Took, long Allocated) run, long events) =>
        $"{stage}: {run.Took.TotalMilliseconds:N0} ms, {events / run.Took.TotalSeconds:N0} events/s, {run.Allocated / events:N0} bytes allocated an event";

    static async Task<(TimeSpan Took, long Allocated)> TimeAsync(Func<Task> stage)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        await stage();
        return (clock.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }
}
