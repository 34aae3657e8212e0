using System.Net;
using System.Net.Http.Json;
using Orders.Decider;
using Orders.Host.EventStore.Sqlite;
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
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        await using (var host = await HostProcess.StartAsync(StoragePath))
        {
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
            await host.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

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
