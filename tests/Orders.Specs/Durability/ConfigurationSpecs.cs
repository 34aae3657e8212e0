namespace Orders.Specs.Durability;

/// <summary>A bad setting stops the host at start with one line that names the key.</summary>
public sealed class ConfigurationSpecs
{
    [Theory]
    [InlineData("Orders__EventStore__Provider", "Cassandra", "Orders:EventStore:Provider")]
    [InlineData("Orders__Search__Url", "not a url", "Orders:Search:Url")]
    [InlineData("Orders__Documents__Provider", "", "Orders:Documents:Provider")]
    [InlineData("Orders__Projections__Runner", "Everywhere", "Orders:Projections:Runner")]
    [InlineData("Orders__Projections__LeaseSeconds", "1", "Orders:Projections:LeaseSeconds")]
    [InlineData("Orders__InstanceId", " ", "Orders:InstanceId")]
    public async Task A_bad_setting_stops_the_host_with_one_line_naming_it(string variable, string value, string key)
    {
        var path = Path.Combine(Path.GetTempPath(), "orders-config-" + Guid.NewGuid().ToString("N"), "orders.db");

        var (exitCode, error) = await HostProcess.RunToExitAsync(path, new Dictionary<string, string> { [variable] = value });

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(key, line);
    }
}
