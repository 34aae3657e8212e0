using System.Net;
using System.Text.Json;

namespace Orders.Bench;

/// <summary>
/// SPEC §8 first target: create-order over HTTP against the published host on the embedded profile, as a share of a
/// trivial Wolverine POST measured in the same run; cold (the first seconds after ready) and warm (after 30 s).
/// </summary>
public static class CreateOrderBench
{
    const double TargetShare = 0.5;
    const double TargetReadyMilliseconds = 1_000;
    const double TargetMemoryMiB = 200;

    static readonly string Body = JsonSerializer.Serialize(new
    {
        shopItems = new[] { new { id = "sku-1", title = "Blue shirt", description = "Cotton, slim fit", quantity = 2, price = 19.99m } },
        accountEmail = "alice@example.com",
        deliveryAddress = "1 Main St, Springfield",
    });

    public static async Task RunAsync(BenchOptions options, PublishedHost published, string work, Report report)
    {
        Report.Progress($"create-order: the trivial endpoint ({options.Warmup.TotalSeconds:N0} s warm-up, {options.Window.TotalSeconds:N0} s measured)");
        Window baseline;
        await using (var server = await ChildHost.StartAsync("Orders.Bench.dll", ["baseline-server"], new Dictionary<string, string>()))
        {
            // Its handler is pre-generated, as the host's are; the first answer only proves the route is there.
            await FirstAnswerAsync(server, "/baseline/orders");
            await LoadAsync(server, "warm-up", "/baseline/orders", HttpStatusCode.OK, options.Warmup, options);
            baseline = await LoadAsync(server, "trivial Wolverine POST", "/baseline/orders", HttpStatusCode.OK, options.Window, options);
        }

        Report.Progress($"create-order: the published host, loaded from ready for {(options.WarmAfter + options.Window).TotalSeconds:N0} s");
        await using var host = await ChildHost.StartAsync(
            published.Assembly, [], new Dictionary<string, string> { ["Orders__Storage__Path"] = Path.Combine(work, "create", "orders.db") },
            "/health/ready");
        var ready = $"load {Report.LoadAverageNow()}";
        var cold = await LoadAsync(host, $"create-order cold, the first {options.Window.TotalSeconds:N0} s after ready", "/api/v1/orders", HttpStatusCode.Created, options.Window, options);
        var between = await LoadAsync(host, "create-order, until the warm window", "/api/v1/orders", HttpStatusCode.Created, options.WarmAfter - options.Window, options);
        var warm = await LoadAsync(host, $"create-order warm, {options.WarmAfter.TotalSeconds:N0}–{(options.WarmAfter + options.Window).TotalSeconds:N0} s after ready", "/api/v1/orders", HttpStatusCode.Created, options.Window, options);
        var peak = host.PeakMemoryMiB();

        string Share(Window w) => $"{w.Stats.PerSecond / baseline.Stats.PerSecond:N2} ({w.Stats.PerSecond:N0} vs {baseline.Stats.PerSecond:N0} req/s)";
        bool Met(Window w) => baseline.Stats.Requests > 0 && w.Stats.PerSecond >= baseline.Stats.PerSecond * TargetShare && w.Stats.Errors == 0;
        report.Add("Create-order over HTTP (the published host)", [
            published.Summary,
            $"load: {Wrk.Generator}, {options.Concurrency} connections, the same JSON body to both servers; the trivial POST runs from the benchmark's own build after a {options.Warmup.TotalSeconds:N0} s warm-up",
            report.Check("create-order vs trivial POST, cold (first 10 s after ready)", Share(cold), $"≥ {TargetShare:N1}", Met(cold), cold.Load),
            report.Check("create-order vs trivial POST, warm (30–40 s after ready)", Share(warm), $"≥ {TargetShare:N1}", Met(warm), warm.Load),
            .. new[] { baseline, cold, between, warm }.Select(w => w.ToString()),
            report.Check("host start to /health/ready, empty log", $"{host.StartToReady.TotalMilliseconds:N0} ms", $"≤ {TargetReadyMilliseconds:N0} ms",
                host.StartToReady.TotalMilliseconds <= TargetReadyMilliseconds, ready),
            $"host processor time used by then: {host.ProcessorTimeToReady.TotalMilliseconds:N0} ms",
            report.Check("host peak memory, create-order load", $"{peak:N0} MiB", $"≤ {TargetMemoryMiB:N0} MiB", peak <= TargetMemoryMiB),
        ]);
    }

    static async Task FirstAnswerAsync(ChildHost server, string path)
    {
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        using var content = new StringContent(Body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>One window of load: its figures, the server's processor time per request over it, and the load average at its end.</summary>
    sealed record Window(LoadStats Stats, double CpuPerRequest, string Load)
    {
        public override string ToString() =>
            $"{Stats}; server processor time {CpuPerRequest:N3} ms a request; {Load}";
    }

    static async Task<Window> LoadAsync(ChildHost server, string name, string path, HttpStatusCode expected, TimeSpan duration, BenchOptions options)
    {
        var cpuBefore = server.ProcessorTime();
        LoadStats stats;
        if (Wrk.Installed)
        {
            stats = await Wrk.PostAsync(name, new Uri(server.Address, path), Body, options.Concurrency, duration);
        }
        else
        {
            using var client = LoadGenerator.Client(server.Address, options.Concurrency);
            stats = await LoadGenerator.RunAsync(name, options.Concurrency, TimeSpan.Zero, duration, async ct =>
            {
                using var content = new StringContent(Body, System.Text.Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(path, content, ct);
                return response.StatusCode == expected;
            });
        }
        var cpu = (server.ProcessorTime() - cpuBefore).TotalMilliseconds;
        return new Window(stats, cpu / Math.Max(1, stats.Requests + stats.Errors), $"load {Report.LoadAverageNow()}");
    }
}
