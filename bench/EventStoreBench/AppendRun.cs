using System.Diagnostics;
using System.Text;
using Orders.EventStore.Sqlite;

namespace Orders.EventStore.Bench;

internal sealed record AppendRun(double AppendsPerSecond, double AppendsPerCommit, double P50Milliseconds, double P99Milliseconds)
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    private static readonly byte[] Data = Encoding.UTF8.GetBytes(
        """{"shopItems":[{"id":"sku-1","title":"Espresso machine","description":"A 15 bar pump espresso machine with a steam wand","quantity":1,"price":249.99},{"id":"sku-2","title":"Coffee beans","description":"1 kg of medium roast","quantity":2,"price":18.5}],"accountEmail":"buyer@example.com","deliveryAddress":"1 Main Street, Springfield"}""");

    private static readonly byte[] Metadata = Encoding.UTF8.GetBytes(
        """{"traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}""");

    /// <summary>
    /// Each writer creates orders one after another (one event to a new stream, as a create-order command does),
    /// awaiting each append before the next, for <paramref name="duration"/>.
    /// </summary>
    public static async Task<AppendRun> MeasureAsync(string path, int writers, TimeSpan duration)
    {
        await using var store = new SqliteEventStore(path, TimeProvider.System);
        await RunWritersAsync(store, writers, WarmUp);

        var commitsBefore = store.TransactionsCommitted;
        var clock = Stopwatch.StartNew();
        var latencies = await RunWritersAsync(store, writers, duration);
        var elapsed = clock.Elapsed;
        var commits = store.TransactionsCommitted - commitsBefore;

        latencies.Sort();
        return new AppendRun(
            latencies.Count / elapsed.TotalSeconds,
            (double)latencies.Count / commits,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99));
    }

    private static async Task<List<double>> RunWritersAsync(SqliteEventStore store, int writers, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var perWriter = await Task.WhenAll(
            Enumerable.Range(0, writers).Select(_ => Task.Run(() => CreateOrdersAsync(store, stop.Token))));
        return [.. perWriter.SelectMany(latencies => latencies)];
    }

    private static async Task<List<double>> CreateOrdersAsync(SqliteEventStore store, CancellationToken stop)
    {
        var latencies = new List<double>();
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await store.AppendAsync(
                $"order-{Guid.NewGuid()}",
                ExpectedVersion.NoStream,
                [new EventData(Guid.CreateVersion7(), "V1_ORDER_CREATED", Data, Metadata)],
                CancellationToken.None); // the stop signal ends the loop, never an append in flight
            if (result is not AppendResult.Appended) throw new InvalidOperationException($"Append refused: {result}");
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return latencies;
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted[Math.Min(sorted.Count - 1, (int)(fraction * sorted.Count))];
}
