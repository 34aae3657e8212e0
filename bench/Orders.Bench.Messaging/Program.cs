using System.Diagnostics;
using System.Globalization;
using Orders.Bench;
using Orders.Bench.Messaging;

// Commands over the queue and integration events out, against a real broker and the host as a child process on its
// embedded profile. See README.md for what each number means.
//
//   dotnet run -c Release --project bench/Orders.Bench.Messaging -- [backlog orders] [rates/s, comma-separated] [seconds]

var uri = Environment.GetEnvironmentVariable("ORDERS_TEST_RABBITMQ") is { Length: > 0 } set ? set : "amqp://guest:guest@127.0.0.1:5672/";
var backlogOrders = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2500;
var rates = (args.Length > 1 ? args[1] : "1000,250").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToList();
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;

Console.WriteLine($"broker {new Uri(uri).Host}:{new Uri(uri).Port}, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
await DrainBacklogAsync(backlogOrders);
foreach (var rate in rates)
    await SteadyRateAsync(rate, seconds);
return 0;

// Throughput: a backlog of commands waits in the queue before the host starts; the host drains it flat out.
async Task DrainBacklogAsync(int orders)
{
    await using var broker = await BrokerClient.StartAsync(uri);
    var commands = orders * Lifecycle.Length;
    foreach (var order in Enumerable.Range(0, orders).Select(_ => Guid.CreateVersion7()))
        foreach (var step in Lifecycle)
            await broker.SendAsync(step(Guid.NewGuid().ToString(), order));
    while (await broker.WaitingAsync() < commands)
        await Task.Delay(50);

    await using var host = await StartHostAsync(broker);
    var clock = Stopwatch.StartNew();
    while (broker.Replies.Count < commands || broker.EventLags.Count < commands)
    {
        if (clock.Elapsed > TimeSpan.FromMinutes(10))
            throw new TimeoutException($"{broker.Replies.Count} of {commands} replies after 10 minutes.");
        await Task.Delay(20);
    }
    var ticks = broker.Replies.Values.Order().ToList();
    var drained = Stopwatch.GetElapsedTime(ticks[0], ticks[^1]);
    Console.WriteLine();
    Console.WriteLine($"backlog: {commands} commands ({orders} orders × create, pay, submit, complete), queued before the host started");
    Console.WriteLine($"  drained in {drained.TotalSeconds:F1} s (first reply to last): {commands / drained.TotalSeconds:F0} commands/s, each appending one event");
    Console.WriteLine($"  host processor time {host.ProcessorTime().TotalSeconds:F1} s in all, peak memory {host.PeakMemoryMiB():F0} MiB");
}

// Publish lag: commands sent open-loop at a fixed rate; each integration event's lag is from its append (occurredAt)
// to its arrival at a consumer bound to the exchange.
async Task SteadyRateAsync(int perSecond, int duration)
{
    await using var broker = await BrokerClient.StartAsync(uri);
    await using var host = await StartHostAsync(broker);
    await SendAtRateAsync(broker, perSecond, TimeSpan.FromSeconds(3), warmUp: true);
    while (broker.Replies.Count < perSecond * 3 || broker.EventLags.Count < perSecond * 3)
        await Task.Delay(20);
    broker.Replies.Clear();
    broker.EventLags.Clear();

    var cpuBefore = host.ProcessorTime();
    var sent = await SendAtRateAsync(broker, perSecond, TimeSpan.FromSeconds(duration), warmUp: false);
    var deadline = Stopwatch.StartNew();
    while ((broker.Replies.Count < sent.Count || broker.EventLags.Count < sent.Count) && deadline.Elapsed < TimeSpan.FromMinutes(2))
        await Task.Delay(20);
    var cpu = host.ProcessorTime() - cpuBefore;

    var replyLatencies = sent
        .Where(s => broker.Replies.ContainsKey(s.Key))
        .Select(s => Stopwatch.GetElapsedTime(s.Value, broker.Replies[s.Key]).TotalMilliseconds)
        .Order()
        .ToList();
    var lags = broker.EventLags.Select(l => l.TotalMilliseconds).Order().ToList();
    Console.WriteLine();
    Console.WriteLine($"steady: {sent.Count} commands sent at {perSecond}/s for {duration} s (open loop), {replyLatencies.Count} answered, {lags.Count} events received");
    Console.WriteLine($"  publish lag (append → consumer)  p50 {P(lags, 50):F1} ms  p90 {P(lags, 90):F1} ms  p99 {P(lags, 99):F1} ms  max {lags[^1]:F1} ms");
    Console.WriteLine($"  command (send → reply)          p50 {P(replyLatencies, 50):F1} ms  p90 {P(replyLatencies, 90):F1} ms  p99 {P(replyLatencies, 99):F1} ms  max {replyLatencies[^1]:F1} ms");
    Console.WriteLine($"  host processor time {cpu.TotalSeconds / duration:F2} s per second of load");
}

async Task<Dictionary<string, long>> SendAtRateAsync(BrokerClient broker, int perSecond, TimeSpan duration, bool warmUp)
{
    var sent = new Dictionary<string, long>();
    var total = (int)(perSecond * duration.TotalSeconds);
    var clock = Stopwatch.StartNew();
    var orders = new List<Guid>();
    for (var i = 0; i < total; i++)
    {
        var due = TimeSpan.FromSeconds((double)i / perSecond);
        if (due > clock.Elapsed)
            await Task.Delay(due - clock.Elapsed);
        // Orders advance through their lifecycle one step per command, many orders interleaved.
        var slot = i / Lifecycle.Length;
        var step = i % Lifecycle.Length;
        if (step == 0)
            orders.Add(Guid.CreateVersion7());
        var id = (warmUp ? "warm-" : "") + Guid.NewGuid();
        sent[id] = Stopwatch.GetTimestamp();
        await broker.SendAsync(Lifecycle[step](id, orders[slot]));
    }
    return sent;
}

async Task<ChildHost> StartHostAsync(BrokerClient broker)
{
    var folder = Path.Combine(Path.GetTempPath(), "orders-bench-messaging-" + Guid.NewGuid().ToString("N"));
    var environment = new Dictionary<string, string>(broker.HostEnvironment(uri)) { ["Orders__Storage__Path"] = Path.Combine(folder, "orders.db") };
    return await ChildHost.StartAsync("Orders.Host.dll", [], environment, "/health/ready");
}

static double P(List<double> sorted, int percentile) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];

static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static partial class Program
{
    static readonly Func<string, Guid, object>[] Lifecycle =
    [
        (id, order) => new { messageId = id, type = "CreateOrder", orderId = order, data = new { shopItems = new[] { new { id = "sku-1", title = "Blue shirt", description = "Cotton", quantity = 2, price = 19.99m } }, accountEmail = "alice@example.com", deliveryAddress = "1 Main St" } },
        (id, order) => new { messageId = id, type = "PayOrder", orderId = order, data = new { paymentId = "pay-" + order.ToString("N")[..8] } },
        (id, order) => new { messageId = id, type = "SubmitOrder", orderId = order },
        (id, order) => new { messageId = id, type = "CompleteOrder", orderId = order, data = new { deliveryTimestamp = "2026-05-01T10:00:00Z" } },
    ];
}
