using System.Net;
using System.Net.Http.Json;
using Orders.Decider;
using Orders.EventStore.Sqlite;
using Orders.Specs.Http;

namespace Orders.Specs.Durability;

/// <summary>An acknowledged command survives the host being killed while others are in flight.</summary>
public sealed class KillSpecs : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "orders-kill-" + Guid.NewGuid().ToString("N"));

    string StoragePath => Path.Combine(_folder, "orders.db");

    [Fact]
    public async Task Every_order_acknowledged_before_a_kill_minus_nine_is_in_the_log_after_it()
    {
        var acknowledged = await CreateOrdersUntilStoppedAsync(host => host.KillAsync());

        await AssertAllInTheLogAsync(acknowledged);
    }

    [Fact]
    public async Task A_SIGTERM_under_load_exits_cleanly_and_loses_no_acknowledged_order()
    {
        var exitCode = -1;
        var acknowledged = await CreateOrdersUntilStoppedAsync(async host => exitCode = await host.TerminateAsync());

        Assert.Equal(0, exitCode);
        await AssertAllInTheLogAsync(acknowledged);
    }

    [Fact]
    public async Task After_a_kill_minus_nine_the_restarted_host_shows_every_acknowledged_order()
    {
        var acknowledged = await CreateOrdersUntilStoppedAsync(host => host.KillAsync());

        await using var restarted = await HostProcess.StartAsync(StoragePath);
        using var client = new HttpClient { BaseAddress = restarted.Address };
        foreach (var orderId in acknowledged)
        {
            using var response = await client.GetAsync(new Uri($"/api/v1/orders/{orderId}?minVersion=0", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var search = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/api/v1/orders/search?size=1", UriKind.Relative));
        Assert.True(search.GetProperty("pagination").GetProperty("totalCount").GetInt64() >= acknowledged.Count);
    }

    /// <summary>Sixteen clients create orders until 200 are acknowledged, then the host is stopped under them.</summary>
    async Task<IReadOnlyCollection<Guid>> CreateOrdersUntilStoppedAsync(Func<HostProcess, Task> stopHost)
    {
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        await using var host = await HostProcess.StartAsync(StoragePath);
        using var client = new HttpClient { BaseAddress = host.Address };
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.PostAsJsonAsync("/api/v1/orders", OrderRequests.NewOrder(), stop.Token);
                    if (response.StatusCode == HttpStatusCode.Created)
                        acknowledged.Add((await response.Content.ReadFromJsonAsync<CommandAnswer>(stop.Token))!.OrderId);
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                {
                    return;
                }
            }
        })).ToList();

        while (acknowledged.Count < 200)
            await Task.Delay(10);
        await stopHost(host);
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        return acknowledged;
    }

    async Task AssertAllInTheLogAsync(IReadOnlyCollection<Guid> acknowledged)
    {
        await using var store = new SqliteEventStore(StoragePath, TimeProvider.System);
        foreach (var orderId in acknowledged)
        {
            var stream = await store.ReadStreamAsync(OrderStream.Name(orderId));
            Assert.Equal("V1_ORDER_CREATED", Assert.Single(stream).Type);
        }
    }

    [Fact]
    public async Task A_host_restarted_on_the_same_file_goes_on_from_where_the_log_ends()
    {
        Guid orderId;
        await using (var first = await HostProcess.StartAsync(StoragePath))
        {
            using var client = new HttpClient { BaseAddress = first.Address };
            using var created = await client.PostAsJsonAsync("/api/v1/orders", OrderRequests.NewOrder());
            orderId = (await created.Content.ReadFromJsonAsync<CommandAnswer>())!.OrderId;
            await first.KillAsync();
        }

        await using var second = await HostProcess.StartAsync(StoragePath);
        using var again = new HttpClient { BaseAddress = second.Address };
        using var paid = await again.PutAsJsonAsync($"/api/v1/orders/pay/{orderId}", new { paymentId = "pay-1" });

        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal(1, (await paid.Content.ReadFromJsonAsync<CommandAnswer>())!.Version);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
