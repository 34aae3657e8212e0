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
        await using (var server = await ChildHost.StartAsync("Orders.Bench.dll", ["baseline-server"], new Dictionary<string, string>()))
            baseline = await LoadAsync(server, "trivial Wolverine POST", "/baseline/orders", HttpStatusCode.OK, options);

        await using var host = await ChildHost.StartAsync(
            "Orders.Host.dll", [], new Dictionary<string, string> { ["Orders__Storage__Path"] = Path.Combine(work, "create", "orders.db") },
            "/health/ready");
        var created = await LoadAsync(host, "create-order (SQLite, fsync per commit)", "/api/v1/orders", HttpStatusCode.Created, options);

        report.Add("Create-order over HTTP", [
            baseline.ToString(),
            created.ToString(),
            report.Check("create-order vs trivial POST", $"{created.PerSecond / baseline.PerSecond:P0} ({created.PerSecond:N0} vs {baseline.PerSecond:N0} req/s)",
                "≥ 50%", created.PerSecond >= baseline.PerSecond / 2 && created.Errors == 0),
            report.Check("host start to /health/ready, empty log", $"{host.StartToReady.TotalMilliseconds:N0} ms", "≤ 1,500 ms",
                host.StartToReady.TotalMilliseconds <= 1_500),
            $"host peak memory after this load: {host.PeakMemoryMiB():N0} MiB",
        ]);
    }

    static async Task<LoadStats> LoadAsync(ChildHost server, string name, string path, HttpStatusCode expected, BenchOptions options)
    {
        using var client = LoadGenerator.Client(server.Address, options.Concurrency);
        return await LoadGenerator.RunAsync(name, options.Concurrency, options.Warmup, options.Duration, async ct =>
        {
            using var response = await client.PostAsJsonAsync(path, Body, ct);
            return response.StatusCode == expected;
        });
    }
}
