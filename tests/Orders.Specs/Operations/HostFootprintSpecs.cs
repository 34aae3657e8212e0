using Orders.Host.Health;

namespace Orders.Specs.Operations;

/// <summary>
/// At every start JasperFx loads each assembly the host references, so a client the host names directly is loaded
/// and mapped even on the embedded profile, which never uses it. The stores' clients stay behind Orders.Projections.
/// </summary>
public sealed class HostFootprintSpecs
{
    [Theory]
    [InlineData("MongoDB.Driver")]
    [InlineData("MongoDB.Bson")]
    [InlineData("Elastic.Clients.Elasticsearch")]
    [InlineData("Elastic.Transport")]
    public void The_host_does_not_reference_a_read_side_client_itself(string client)
    {
        var references = typeof(HealthRegistration).Assembly.GetReferencedAssemblies().Select(a => a.Name);

        Assert.DoesNotContain(client, references);
    }
}
