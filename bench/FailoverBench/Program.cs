using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orders.Bench;
using Orders.Decider;
using Orders.EventStore;
using Orders.EventStore.EventStoreDb;

// Kills the leader of a real EventStoreDB cluster under writers that create, pay and submit orders through the
// host, and reports every answer by status, how long writes paused, the longest command, and whether the log holds
// each acknowledged command exactly once. See README.md.
var connectionString = Environment.GetEnvironmentVariable("ORDERS_BENCH_EVENTSTOREDB")
    ?? throw new InvalidOperationException("Set ORDERS_BENCH_EVENTSTOREDB to the cluster's esdb:// connection string (its seeds).");
var killCommand = Environment.GetEnvironmentVariable("ORDERS_BENCH_KILL_NODE")
    ?? throw new InvalidOperationException("Set ORDERS_BENCH_KILL_NODE to a command that kills node {node} (1-based, in seed order).");
var restartCommand = Environment.GetEnvironmentVariable("ORDERS_BENCH_RESTART_NODE");
var before = TimeSpan.FromSeconds(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5);
var after = TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15);
var writers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8;
var victim = args.Length > 3 ? args[3] : "leader";

var seeds = Seeds(connectionString);
await using var host = await ChildHost.StartAsync("Orders.Host.dll", [], new Dictionary<string, string>
{
    ["Orders__EventStore__Provider"] = "EventStoreDb",
    ["Orders__EventStore__ConnectionString"] = connectionString,
    ["Logging__Console__LogToStandardErrorThreshold"] = "Error", // what went wrong in the host shows beside the figures
    ["Orders__Storage__Path"] = Path.Combine(Path.GetTempPath(), $"failover-bench-{Guid.NewGuid():N}", "orders.db"),
}, readyPath: "/health/ready");
Console.WriteLine($"host ready in {host.StartToReady.TotalSeconds:0.0} s on {host.Address}");

var clock = Stopwatch.StartNew();
var log = new CommandLog();
using var stop = new CancellationTokenSource();
var running = Enumerable.Range(0, writers).Select(_ => Task.Run(() => WriteAsync(host.Address, log, clock, stop.Token))).ToList();

await Task.Delay(before);
var node = await NodeAsync(seeds, victim);
// Measured from just before the kill command starts: the node dies a few milliseconds to a few hundred later (the
// command waits for it to be gone), so the figures below are upper bounds.
var killedAt = clock.Elapsed;
Run(killCommand.Replace("{node}", node.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
Console.WriteLine($"killed node {node} (a {victim}) at {killedAt.TotalSeconds:0.000} s");
await Task.Delay(after);
await stop.CancelAsync();
await Task.WhenAll(running);

var report = log.Report(killedAt);
Console.WriteLine(report);
Console.WriteLine(await CaughtUpAsync(host.Address));
var verdict = await VerifyAsync(connectionString, log);
Console.WriteLine(verdict);

if (restartCommand is not null)
{
    Run(restartCommand.Replace("{node}", node.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
    Console.WriteLine($"restarted node {node}");
}

return report.Contains("status 500", StringComparison.Ordinal) || !verdict.StartsWith("log: ok", StringComparison.Ordinal) ? 1 : 0;

// One writer: create, pay, submit, one order after another. A 503 is retried after a short pause, as a client that
// honours it would (with the same payment id, so a repeat is recognised); any other failure ends that order.
static async Task WriteAsync(Uri address, CommandLog log, Stopwatch clock, CancellationToken ct)
{
    using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    while (!ct.IsCancellationRequested)
    {
        var created = await SendAsync(client, log, clock, HttpMethod.Post, "/api/v1/orders", """
            {"shopItems": [{"id": "a", "title": "Jumper", "description": "Wool", "quantity": 1, "price": 10}],
             "accountEmail": "buyer@example.com", "deliveryAddress": "1 High St"}
            """);
        if (created is null)
            continue;
        var id = created.Value.GetProperty("orderId").GetGuid();
        log.Acknowledged(id);
        if (await SendAsync(client, log, clock, HttpMethod.Put, $"/api/v1/orders/pay/{id}", """{"paymentId": "pay-1"}""") is null)
            continue;
        log.Acknowledged(id);
        if (await SendAsync(client, log, clock, HttpMethod.Put, $"/api/v1/orders/submit/{id}", "") is null)
            continue;
        log.Acknowledged(id);
    }
}

static async Task<JsonElement?> SendAsync(HttpClient client, CommandLog log, Stopwatch clock, HttpMethod method, string url, string body)
{
    while (true)
    {
        var started = clock.Elapsed;
        using var request = new HttpRequestMessage(method, url);
        if (body.Length > 0)
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        int status;
        JsonElement? answer = null;
        try
        {
            using var response = await client.SendAsync(request);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        catch (HttpRequestException)
        {
            status = 0; // the connection to the host dropped
        }
        log.Answer(status, started, clock.Elapsed);
        if (status != (int)HttpStatusCode.ServiceUnavailable)
            return answer;
        await Task.Delay(250);
    }
}

// The projections follow the log through the failover too (their subscription moves to another node): how long
// after the writers stopped the readiness report says every projection is 0 events behind.
static async Task<string> CaughtUpAsync(Uri address)
{
    using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
    var clock = Stopwatch.StartNew();
    var description = "";
    while (clock.Elapsed < TimeSpan.FromSeconds(60))
    {
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        description = report.GetProperty("checks").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "projections").GetProperty("description").GetString() ?? "";
        var behind = System.Text.RegularExpressions.Regex.Matches(description, @"(\d+)\+? behind");
        if (behind.Count > 0 && behind.All(m => m.Groups[1].Value == "0" && !m.Value.Contains('+', StringComparison.Ordinal)))
            return $"read side: every projection 0 behind {clock.ElapsedMilliseconds} ms after the writers stopped";
        await Task.Delay(100);
    }
    return $"read side: NOT caught up 60 s after the writers stopped ({description})";
}

// The first node whose /info names the given state (leader, follower), by its 1-based place among the seeds.
static async Task<int> NodeAsync(IReadOnlyList<Uri> seeds, string state)
{
    using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    for (var i = 0; i < seeds.Count; i++)
    {
        var info = await client.GetFromJsonAsync<JsonElement>(new Uri(seeds[i], "/info"));
        if (info.GetProperty("state").GetString() == state)
            return i + 1;
    }
    throw new InvalidOperationException($"No seed says it is a {state}.");
}

static IReadOnlyList<Uri> Seeds(string connectionString)
{
    var authority = connectionString[(connectionString.IndexOf("://", StringComparison.Ordinal) + 3)..].Split('?')[0];
    return authority[(authority.LastIndexOf('@') + 1)..].Split(',').Select(host => new Uri($"http://{host}")).ToList();
}

static void Run(string command)
{
    using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { RedirectStandardOutput = true })!;
    process.StandardOutput.ReadToEnd();
    process.WaitForExit();
}

// Every acknowledged command is in the log, once: each acknowledged order's stream holds at least as many events
// as commands were acknowledged for it, and no event id appears twice anywhere in the orders' part of the log.
static async Task<string> VerifyAsync(string connectionString, CommandLog log)
{
    // A provider of its own: the benchmark reads the log directly, beside the host, not through it.
#pragma warning disable ASP0000
    await using var provider = new ServiceCollection().AddEventStoreDbEventStore(connectionString).BuildServiceProvider();
#pragma warning restore ASP0000
    var store = provider.GetRequiredService<IEventStore>();
    var lost = 0;
    foreach (var (id, acknowledged) in log.AcknowledgedCommands)
    {
        var events = await store.ReadStreamAsync(OrderStream.Name(id));
        if (events.Count < acknowledged)
            lost++;
    }

    var ids = new HashSet<Guid>();
    var twice = 0;
    var total = 0;
    LogPosition? position = null;
    while (await store.ReadAllAsync(position, 4096, OrderStream.Prefix) is { Count: > 0 } page)
    {
        foreach (var e in page)
        {
            total++;
            if (!ids.Add(e.EventId))
                twice++;
        }
        position = page[^1].Position;
    }
    return $"log: {(lost == 0 && twice == 0 ? "ok" : "FAILED")} - {log.AcknowledgedCommands.Count} acknowledged orders, " +
           $"{log.AcknowledgedCommands.Values.Sum()} acknowledged commands, {lost} orders missing an acknowledged event, " +
           $"{total} order events in the log, {twice} event ids written twice";
}
