using Orders.Specs.Http;

namespace Orders.Specs.Operations;

[Collection(OrdersHostCollection.Name)]
public sealed class HealthSpecs(OrdersHost service)
{
    [Fact]
    public async Task Liveness_answers_200_without_running_any_check()
    {
        var live = await service.Host.HealthAsync("/health/live", 200);

        Assert.Equal("Healthy", live.Status);
        Assert.Empty(live.Checks);
    }

    [Fact]
    public async Task Readiness_on_the_embedded_profile_lists_the_sqlite_event_log_as_healthy()
    {
        var ready = await service.Host.HealthAsync("/health/ready", 200);

        Assert.Equal("Healthy", ready.Status);
        Assert.Equal("Healthy", ready.Check("event-store").Status);
    }

    [Theory]
    [InlineData("Orders:Documents:Provider", "Mongo", "Orders:Documents:ConnectionString", "mongodb://127.0.0.1:1", "documents")]
    [InlineData("Orders:Search:Provider", "Elastic", "Orders:Search:Url", "http://127.0.0.1:1", "search")]
    public async Task An_unreachable_configured_backend_makes_the_host_unready_but_still_live(
        string providerKey, string provider, string addressKey, string address, string check)
    {
        await using var own = await OwnHost.StartAsync(new Dictionary<string, string>
        {
            [providerKey] = provider,
            [addressKey] = address,
        });

        var ready = await own.Host.HealthAsync("/health/ready", 503);
        await own.Host.HealthAsync("/health/live", 200);

        Assert.Equal("Unhealthy", ready.Status);
        Assert.Equal("Unhealthy", ready.Check(check).Status);
        Assert.Equal("Healthy", ready.Check("event-store").Status);
    }

    [Fact]
    public async Task A_deleted_event_log_file_makes_the_host_unready()
    {
        await using var own = await OwnHost.StartAsync();
        await own.Host.HealthAsync("/health/ready", 200);

        File.Delete(own.EventLogPath);

        var ready = await own.Host.HealthAsync("/health/ready", 503);
        Assert.Equal("Unhealthy", ready.Check("event-store").Status);
    }
}
