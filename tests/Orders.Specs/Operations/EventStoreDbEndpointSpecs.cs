using Orders.Host.Health;

namespace Orders.Specs.Operations;

public sealed class EventStoreDbEndpointSpecs
{
    [Theory]
    [InlineData("esdb://eventstore:2113?tls=false", "http://eventstore:2113/health/live")]
    [InlineData("esdb://localhost?tls=false&keepAliveTimeout=10000", "http://localhost:2113/health/live")]
    [InlineData("esdb+discover://admin:changeit@node1:2113,node2:2113", "https://node1:2113/health/live")]
    [InlineData("esdb://node1:2113/?TLS=False", "http://node1:2113/health/live")]
    public void The_readiness_probe_targets_the_first_node_over_http_unless_tls_is_on(string connectionString, string probe) =>
        Assert.Equal(new Uri(probe), EventStoreDbEndpoint.HealthUri(connectionString));
}
