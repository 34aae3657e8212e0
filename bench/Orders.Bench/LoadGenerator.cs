using System.Diagnostics;

namespace Orders.Bench;

/// <summary>Latencies of one run, in milliseconds, and what they add up to.</summary>
public sealed record LoadStats(string Name, long Requests, long Errors, double Seconds, double P50, double P90, double P99, double Max)
{
    public double PerSecond => Requests / Seconds;

    public static LoadStats From(string name, List<double> latencies, long errors, double seconds)
    {
        latencies.Sort();
        double At(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
        return new(name, latencies.Count, errors, seconds, At(0.50), At(0.90), At(0.99), latencies.Count == 0 ? double.NaN : latencies[^1]);
    }

    public override string ToString() =>
        $"{Name}: {PerSecond:N0} req/s over {Seconds:N1} s ({Requests:N0} ok, {Errors:N0} errors); " +
        $"latency ms p50 {P50:N2}, p90 {P90:N2}, p99 {P99:N2}, max {Max:N2}";
}

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> requests always in flight, each worker sending the next as soon
/// as the last answered. A warm-up runs first and is not counted.
/// </summary>
public static class LoadGenerator
{
    public static async Task<LoadStats> RunAsync(
        string name, int concurrency, TimeSpan warmup, TimeSpan duration, Func<CancellationToken, Task<bool>> request)
    {
        await RunPhaseAsync(concurrency, warmup, request);
        var (latencies, errors, elapsed) = await RunPhaseAsync(concurrency, duration, request);
        return LoadStats.From(name, latencies, errors, elapsed.TotalSeconds);
    }

    static async Task<(List<double> Latencies, long Errors, TimeSpan Elapsed)> RunPhaseAsync(
        int concurrency, TimeSpan duration, Func<CancellationToken, Task<bool>> request)
    {
        using var stop = new CancellationTokenSource(duration);
        long errors = 0;
        var clock = Stopwatch.StartNew();
        var perWorker = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(16_384);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await request(CancellationToken.None);
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }
                if (ok)
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                else
                    Interlocked.Increment(ref errors);
            }
            return latencies;
        })));
        return (perWorker.SelectMany(l => l).ToList(), errors, clock.Elapsed);
    }

    public static HttpClient Client(Uri baseAddress, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
}
