using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Orders.Bench;
using Orders.Decider;
using Orders.EventStore;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Search;
using Orders.Projections.Sqlite;

// Search hits as order documents on the embedded (SQLite) read models, two ways:
//   stored    - the search index keeps whole order documents and a page is read in the query that finds it
//               (what SqliteSearchStore does);
//   completed - the search index finds the page's ids, and the documents are then read from the order document
//               store by id.
// Usage: SearchHitsBench [orders, default 100000] [rounds per query, default 200]
var orders = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var folder = Path.Combine(Path.GetTempPath(), "orders-search-hits-" + Guid.NewGuid().ToString("N"));

try
{
    using var file = new SqliteReadModelFile(Path.Combine(folder, "orders.read.db"));
    using var documents = new SqliteOrderDocumentStore(file);
    using var search = new SqliteSearchStore(file);
    var seeding = Stopwatch.StartNew();
    var (documentWrites, searchWrites) = await Seed.RunAsync(orders, documents, search);
    Console.WriteLine($"{orders} orders in both read models in {seeding.Elapsed.TotalSeconds:0.0} s; processor time a document written: " +
        $"{documentWrites.TotalMicroseconds / orders:0.0} µs to the order documents, {searchWrites.TotalMicroseconds / orders:0.0} µs to the search index");
    Console.WriteLine($"{rounds} rounds per query, " +
        $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg")[..14]}");
    Console.WriteLine();
    Console.WriteLine($"{"query",-36} {"hits",5} {"stored p50",11} {"completed p50",14} {"stored p90",11} {"completed p90",14}   (µs)");

    var completed = new CompletedSearch(file, documents);
    foreach (var (text, number, size) in new (string?, int, int)[]
             {
                 (null, 1, 10), (null, 1, 100), (null, 100, 100), ("blue", 1, 10), ("blue", 1, 100),
                 ("blue shirt", 1, 10), ("espresso machine", 1, 100), ("hand made in sm", 1, 10),
             })
    {
        var page = SearchPage.Of(number, size).Page!;
        var expected = await search.SearchAsync(text, page);
        var other = await completed.SearchAsync(text, page);
        if (!expected.Orders.Select(d => d.OrderId).SequenceEqual(other.Orders.Select(d => d.OrderId)))
            throw new InvalidOperationException($"The two ways disagree on '{text}'.");

        var (stored, viaDocuments) = (new List<double>(), new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            // Alternating which goes first spreads the machine's noise over both.
            if (round % 2 == 0)
            {
                stored.Add(await Time(() => search.SearchAsync(text, page)));
                viaDocuments.Add(await Time(() => completed.SearchAsync(text, page)));
            }
            else
            {
                viaDocuments.Add(await Time(() => completed.SearchAsync(text, page)));
                stored.Add(await Time(() => search.SearchAsync(text, page)));
            }
        }
        var name = $"'{text ?? ""}' page {number} size {size}";
        Console.WriteLine($"{name,-36} {expected.Orders.Count,5} {Percentile(stored, 0.5),11:0} {Percentile(viaDocuments, 0.5),14:0} " +
            $"{Percentile(stored, 0.9),11:0} {Percentile(viaDocuments, 0.9),14:0}");
    }
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

static async Task<double> Time(Func<Task<SearchResult>> search)
{
    var started = Stopwatch.GetTimestamp();
    await search();
    return Stopwatch.GetElapsedTime(started).TotalMicroseconds;
}

static double Percentile(List<double> samples, double p) => samples.Order().ElementAt((int)(p * (samples.Count - 1)));

/// <summary>Orders of the service benchmark's shop, folded by the projection and committed to both stores.</summary>
static class Seed
{
    /// <returns>The processor time each store's commits took (the commits run one at a time, on this thread).</returns>
    public static async Task<(TimeSpan Documents, TimeSpan Search)> RunAsync(int count, SqliteOrderDocumentStore documents, SqliteSearchStore search)
    {
        var (documentWrites, searchWrites) = (TimeSpan.Zero, TimeSpan.Zero);
        var random = new Random(42);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var batch = new List<OrderDocument>();
        for (var n = 0; n < count; n++)
        {
            var orderId = Guid.CreateVersion7();
            var created = start.AddSeconds(n);
            var events = OrderHistories.Next(random, created).Select((e, version) => new ProjectedEvent(
                orderId,
                new RecordedEvent(OrderStream.Name(orderId), version, LogPosition.Of((ulong)n), Guid.NewGuid(), "", default, default, created.AddMinutes(version)),
                e));
            batch.Add(OrderDocumentProjection.Instance.Fold(events)!);
            if (batch.Count == 5_000 || n == count - 1)
            {
                var before = ProcessorTime();
                await documents.CommitAsync(new ProjectionCommit<OrderDocument>(batch, [], [], null));
                var between = ProcessorTime();
                await search.CommitAsync(new ProjectionCommit<OrderDocument>(batch, [], [], null));
                documentWrites += between - before;
                searchWrites += ProcessorTime() - between;
                batch = [];
            }
        }
        return (documentWrites, searchWrites);
    }

    static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
