using System.Diagnostics;

namespace Orders.Bench;

/// <summary>How an open-loop run went: operations started on schedule, finished, and those the driver had to skip.</summary>
public sealed record OpenLoopRun(long Started, long Skipped, double Seconds)
{
    public double StartedPerSecond => Started / Seconds;
}

/// <summary>
/// An open-loop driver: starts operations at a fixed rate whatever the server's latency, as independent clients
/// would, rather than waiting for one answer before the next request. Each operation is handed the time it was
/// due to start, so that a late start counts against its latency. When <c>maxInFlight</c> operations are still
/// running, a due operation is skipped and counted, so that an overloaded server shows as a lower achieved rate.
/// </summary>
public static class OpenLoop
{
    public static async Task<OpenLoopRun> RunAsync(
        double perSecond, TimeSpan duration, int maxInFlight, Func<long, Task> operation)
    {
        var inFlight = 0;
        var running = new List<Task>();
        long started = 0, skipped = 0;
        var start = Stopwatch.GetTimestamp();
        var ticksPerOperation = Stopwatch.Frequency / perSecond;
        while (true)
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (elapsed >= duration)
                break;
            // Operation n is due at n / perSecond: the first at once.
            var due = (long)(elapsed.TotalSeconds * perSecond) + 1;
            for (var next = started + skipped; next < due; next++)
            {
                if (Volatile.Read(ref inFlight) >= maxInFlight)
                {
                    skipped++;
                    continue;
                }
                Interlocked.Increment(ref inFlight);
                var dueAt = start + (long)(next * ticksPerOperation);
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        await operation(dueAt);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                    }
                }));
                started++;
            }
            running.RemoveAll(task => task.IsCompleted);
            await Task.Delay(1);
        }
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await Task.WhenAll(running);
        return new OpenLoopRun(started, skipped, seconds);
    }
}

/// <summary>Latencies gathered from many tasks at once.</summary>
public sealed class Latencies
{
    readonly List<double> _milliseconds = [];
    long _errors;

    public long Errors => Interlocked.Read(ref _errors);

    public void Add(double milliseconds)
    {
        lock (_milliseconds)
            _milliseconds.Add(milliseconds);
    }

    public void Error() => Interlocked.Increment(ref _errors);

    public LoadStats Stats(string name, double seconds)
    {
        lock (_milliseconds)
            return LoadStats.From(name, [.. _milliseconds], Errors, seconds);
    }
}
