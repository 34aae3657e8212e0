using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Orders.EventStore;
using Microsoft.AspNetCore.Hosting;
using Orders.Specs.Projections;

namespace Orders.Specs.Http;

/// <summary>
/// Streams the original Go service wrote, put into the log byte for byte, are served through GET and search once
/// the projections catch up.
/// </summary>
[Collection(OrdersHostCollection.Name)]
public sealed class OriginalStreamsSpecs(OrdersHost service)
{
    [Fact]
    public async Task The_original_services_streams_read_back_as_the_orders_they_fold_to()
    {
        await SeedAsync(service.EventStore);

        foreach (var (stream, expected) in SeedFixtures.Expected())
        {
            var order = await service.Host.GetOrderAsync(Guid.Parse(stream["order-".Length..]), expected.GetProperty("version").GetInt64());

            Assert.Equal(expected.GetProperty("status").GetString(), order.Status);
            Assert.Equal(decimal.Parse(expected.GetProperty("totalPrice").GetString()!, CultureInfo.InvariantCulture), order.TotalPrice);
            Assert.Equal(expected.GetProperty("accountEmail").GetString(), order.AccountEmail);
            Assert.Equal(expected.GetProperty("deliveryAddress").GetString(), order.DeliveryAddress);
            Assert.Equal(
                (expected.GetProperty("paid").GetBoolean(), expected.GetProperty("submitted").GetBoolean(),
                    expected.GetProperty("completed").GetBoolean(), expected.GetProperty("canceled").GetBoolean()),
                (order.Paid, order.Submitted, order.Completed, order.Canceled));
            Assert.Equal(expected.GetProperty("items").GetInt32(), order.ShopItems.Length);
            Assert.Equal(expected.TryGetProperty("payment", out var payment) ? payment.GetProperty("paymentId").GetString() : null, order.Payment?.PaymentId);
        }
    }

    [Fact]
    public async Task The_original_services_orders_are_found_by_search()
    {
        await SeedAsync(service.EventStore);
        await service.Host.GetOrderAsync(Guid.Parse("0b6f3c4e-1c2d-4f6a-9b1e-3a5d7c9e2f40"), 5);

        var found = await service.Host.SearchAsync("?search=green%20ha");

        Assert.Contains(Guid.Parse("0b6f3c4e-1c2d-4f6a-9b1e-3a5d7c9e2f40"), found.Orders.Select(o => o.OrderId));
    }

    /// <summary>
    /// Appends every fixture event at its recorded revision, with its exact type, data and metadata. Event ids are
    /// derived from stream and revision, so seeding twice (from both specs, or against a server kept between runs)
    /// is an idempotent re-append.
    /// </summary>
    internal static async Task SeedAsync(IEventStore store)
    {
        foreach (var stream in SeedFixtures.Events().GroupBy(e => e.StreamId))
        {
            var events = stream.OrderBy(e => e.StreamVersion)
                .Select(e => new EventData(IdOf(e.StreamId, e.StreamVersion), e.Type, e.Data, e.Metadata))
                .ToList();
            var result = await store.AppendAsync(stream.Key, ExpectedVersion.NoStream, events);
            Assert.IsType<AppendResult.Appended>(result);
        }
    }

    static Guid IdOf(string stream, long revision) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{stream}/{revision}")).AsSpan(0, 16));
}

/// <summary>The same, with EventStoreDB as the event store, when a server is configured.</summary>
public sealed class OriginalStreamsOnEventStoreDbSpecs
{
    [EventStoreDb.EventStoreDbServerFact]
    public async Task The_original_services_streams_in_EventStoreDB_are_served_through_GET()
    {
        var folder = Path.Combine(Path.GetTempPath(), "orders-esdb-" + Guid.NewGuid().ToString("N"));
        await using var host = await Alba.AlbaHost.For<Program>(web =>
        {
            web.UseSetting("Orders:Storage:Path", Path.Combine(folder, "orders.db"));
            web.UseSetting("Orders:EventStore:Provider", "EventStoreDb");
            web.UseSetting("Orders:EventStore:ConnectionString", EventStoreDb.EventStoreDbServerFactAttribute.ConnectionString);
        });
        var store = (IEventStore)host.Services.GetService(typeof(IEventStore))!;

        await OriginalStreamsSpecs.SeedAsync(store);
        var order = await host.GetOrderAsync(Guid.Parse("0b6f3c4e-1c2d-4f6a-9b1e-3a5d7c9e2f40"), 5);

        Assert.Equal(("completed", 119.99m, "2 Elm St, Shelbyville"), (order.Status, order.TotalPrice, order.DeliveryAddress));
        Directory.Delete(folder, recursive: true);
    }
}
