using System.Net;
using System.Net.Http.Json;

namespace Orders.Bench;

/// <summary>SPEC §8 first target: create-order over HTTP against the embedded profile, and the trivial ceiling.</summary>
public static class CreateOrderBench
{
    static readonly object Body = new
    {
        shopItems = new[] { new { id = "sku-1", title = "Blue shirt", description = "Cotton, slim fit", quantity = 2, price = 19.99m } },
        accountEmail = "alice@example.com",
        deliveryAddress = "1 Main St, Springfield",
    };

    public static async Task RunAsync(BenchOptions options, string work, Report report)
    {
        Report.Progress("create-order: the trivial endpoint, then the host");
        LoadStats baseline;
        double baselineCpu;
        await using (var server = await ChildHost.StartAsync("Orders.Bench.dll", ["baseline-server"], new Dictionary<string, string>()))
            (baseline, baselineCpu) = await LoadAsync(server, "trivial Wolverine POST", "/baseline/orders", HttpStatusCode.OK, options);

        await using var host = await ChildHost.StartAsync(
            "Orders.Host.dll", [], new Dictionary<string, string> { ["Orders__Storage__Path"] = Path.Combine(work, "create", "orders.db") },
            "/health/ready");
        var (created, createdCpu) = await LoadAsync(host, "create-order (SQLite, fsync per commit)", "/api/v1/orders", HttpStatusCode.Created, options);

        report.Add("Create-order over HTTP", [
            baseline.ToString(),
            created.ToString(),
            report.Check("create-order vs trivial POST", $"{created.PerSecond / baseline.PerSecond:P0} ({created.PerSecond:N0} vs {baseline.PerSecond:N0} req/s)",
                "≥ 50%", created.PerSecond >= baseline.PerSecond / 2 && created.Errors == 0),
            $"server processor time a request: trivial POST {baselineCpu:N2} ms, create-order {createdCpu:N2} ms (the load generator shares the cores)",
            report.Check("host start to /health/ready, empty log", $"{host.StartToReady.TotalMilliseconds:N0} ms", "≤ 1,500 ms",
                host.StartToReady.TotalMilliseconds <= 1_500),
            $"host processor time used by then: {host.ProcessorTimeToReady.TotalMilliseconds:N0} ms",
            $"host peak memory after this load: {host.PeakMemoryMiB():N0} MiB",
        ]);
    }

    /// <summary>The run's figures, and the server's processor time per request over it and its warm-up, in milliseconds.</summary>
    static async Task<(LoadStats Stats, double CpuPerRequest)> LoadAsync(
        ChildHost server, string name, string path, HttpStatusCode expected, BenchOptions options)
    {
        using var client = LoadGenerator.Client(server.Address, options.Concurrency);
        long requests = 0;
        var cpuBefore = server.ProcessorTime();
        var stats = await LoadGenerator.RunAsync(name, options.Concurrency, options.Warmup, options.Duration, async ct =>
        {
            Interlocked.Increment(ref requests);
            using var response = await client.PostAsJsonAsync(path, Body, ct);
            return response.StatusCode == expected;
        });
        return (stats, (server.ProcessorTime() - cpuBefore).TotalMilliseconds / requests);
    }
}
