using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Orders.Decider;

namespace Orders.Bench;

/// <summary>
/// SPEC §8 third target: command-to-visible latency. Commands go to the running host at a fixed rate, open loop:
/// about a quarter create orders, the rest are the next step of a recently created order (cart, address, pay,
/// submit, complete or cancel, as <see cref="OrderHistories"/> plays them), one command in flight per order. As
/// soon as a command answers, a GET with <c>minVersion</c> = the version it answered waits until the read models
/// reflect it; the time from the command's answer to the GET's answer is the figure.
/// </summary>
public sealed class ReadYourWritesBench(ChildHost host)
{
    const double TargetP99Milliseconds = 50;
    const int MaxInFlight = 1_000;

    readonly ConcurrentQueue<LiveOrder> _idle = new();
    readonly ConcurrentDictionary<string, long> _mix = new();
    Latencies _command = new();
    Latencies _visible = new();

    /// <summary>
    /// The same driver at a rate well below what the host can take: the latency of the projection pipeline itself,
    /// apart from the queueing of a saturated host. Informational; the target is at 1,000 commands/s.
    /// </summary>
    public async Task<string> UnsaturatedAsync(double perSecond, TimeSpan duration)
    {
        using var client = LoadGenerator.Client(host.Address, MaxInFlight);
        (_command, _visible) = (new Latencies(), new Latencies());
        var run = await OpenLoop.RunAsync(perSecond, duration, MaxInFlight, due => CommandThenReadAsync(client, due));
        var visible = _visible.Stats("visible", run.Seconds);
        var commands = _command.Stats("command", run.Seconds);
        return $"at {perSecond:N0} commands/s instead: command-to-visible p50 {visible.P50:N1} ms, p99 {visible.P99:N1} ms " +
            $"({visible.Errors:N0} timed out); command p50 {commands.P50:N1} ms, p99 {commands.P99:N1} ms; {commands.PerSecond:N0} commands/s achieved";
    }

    public async Task RunAsync(double perSecond, TimeSpan warmup, TimeSpan duration, Report report)
    {
        using var client = LoadGenerator.Client(host.Address, MaxInFlight);
        await OpenLoop.RunAsync(perSecond, warmup, MaxInFlight, due => CommandThenReadAsync(client, due));
        _command = new Latencies();
        _visible = new Latencies();
        _mix.Clear();
        var run = await OpenLoop.RunAsync(perSecond, duration, MaxInFlight, due => CommandThenReadAsync(client, due));

        var visible = _visible.Stats("command answer → GET ?minVersion answers", run.Seconds);
        var commands = _command.Stats("commands (from when each was due)", run.Seconds);
        var mix = "mix: " + string.Join(", ", _mix.OrderByDescending(m => m.Value).Select(m => $"{m.Key} {m.Value:N0}"));
        var peak = host.PeakMemoryMiB();
        var unsaturated = await UnsaturatedAsync(perSecond / 10, duration / 2);
        report.Add($"Read-your-writes at {perSecond:N0} commands/s (open loop, against the host)", [
            report.Check("command-to-visible p99", $"{visible.P99:N1} ms (p50 {visible.P50:N1} ms)",
                $"≤ {TargetP99Milliseconds:N0} ms at 1,000 commands/s", visible.P99 <= TargetP99Milliseconds && visible.Errors == 0),
            report.Check("achieved command rate", $"{commands.PerSecond:N0} commands/s ({run.Skipped:N0} skipped as over {MaxInFlight:N0} in flight)",
                $"{perSecond:N0} commands/s", commands.PerSecond >= perSecond * 0.98),
            visible.ToString(),
            commands.ToString(),
            mix,
            unsaturated,
            report.Check("host peak memory, served orders, search and this load", $"{peak:N0} MiB", "≤ 200 MiB", peak <= 200),
        ]);
    }

    async Task CommandThenReadAsync(HttpClient client, long due)
    {
        var (request, order, name) = NextCommand();
        _mix.AddOrUpdate(name, 1, (_, n) => n + 1);
        try
        {
            CommandAnswer? answer;
            using (var response = await client.SendAsync(request))
            {
                if (!response.IsSuccessStatusCode)
                {
                    _command.Error();
                    return;
                }
                answer = await response.Content.ReadFromJsonAsync<CommandAnswer>();
            }
            var answered = Stopwatch.GetTimestamp();
            _command.Add(Stopwatch.GetElapsedTime(due, answered).TotalMilliseconds);
            using (var read = await client.GetAsync($"/api/v1/orders/{answer!.OrderId}?minVersion={answer.Version}"))
            {
                if (read.IsSuccessStatusCode)
                    _visible.Add(Stopwatch.GetElapsedTime(answered).TotalMilliseconds);
                else
                    _visible.Error();
            }
            // Only now may the order's next step go out: one command in flight per order, as one client would.
            order.Id = answer.OrderId;
            if (!order.Done)
                _idle.Enqueue(order);
        }
        catch (HttpRequestException)
        {
            _command.Error();
        }
        finally
        {
            request.Dispose();
        }
    }

    (HttpRequestMessage Request, LiveOrder Order, string Name) NextCommand()
    {
        if (Random.Shared.NextDouble() >= 0.25 && _idle.TryDequeue(out var order))
        {
            var step = order.Take();
            return (OrderRequests.FollowUp(order.Id, step), order, OrderRequests.Name(step));
        }
        var created = new LiveOrder(OrderHistories.Next(Random.Shared, DateTimeOffset.UtcNow));
        return (OrderRequests.Create((OrderEvent.OrderCreated)created.Take()), created, "create");
    }

    /// <summary>An order the driver created, and the steps of its history still to send.</summary>
    sealed class LiveOrder(IReadOnlyList<OrderEvent> history)
    {
        int _next;

        public Guid Id { get; set; }

        public bool Done => _next == history.Count;

        public OrderEvent Take() => history[_next++];
    }
}
