using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orders.Host.Configuration;

namespace Orders.Specs.Durability;

/// <summary>A bad setting stops the host at start with one line that names the key.</summary>
public sealed class ConfigurationSpecs
{
    [Theory]
    [InlineData("Orders__EventStore__Provider", "Cassandra", "Orders:EventStore:Provider")]
    [InlineData("Orders__Search__Url", "not a url", "Orders:Search:Url")]
    [InlineData("Orders__Documents__Provider", "", "Orders:Documents:Provider")]
    [InlineData("Orders__Storage__Pth", "data/x.db", "Orders:Storage:Pth")]
    public async Task A_bad_setting_stops_the_host_with_one_line_naming_it(string variable, string value, string key)
    {
        var path = Path.Combine(Path.GetTempPath(), "orders-config-" + Guid.NewGuid().ToString("N"), "orders.db");

        var (exitCode, error) = await HostProcess.RunToExitAsync(path, new Dictionary<string, string> { [variable] = value });

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(key, line);
    }

    [Theory]
    [InlineData("Orders:EventStore:Provider", "Cassandra", "expected one of Sqlite, EventStoreDb")]
    [InlineData("Orders:EventStore:ConnectionString", "esdb://localhost:notaport", "Invalid EventStoreDB connection string")]
    [InlineData("Orders:Documents:ConnectionString", "postgres://localhost", "expected a mongodb:// connection string")]
    [InlineData("Orders:Documents:Database", " ", "expected a non-empty value")]
    [InlineData("Orders:Search:Url", "ftp://search", "expected an http(s) URL")]
    [InlineData("Orders:Grpc:Port", "70000", "expected a port from 1 to 65535")]
    [InlineData("Orders:Grpc:Port", "fifty", "expected a Int32 value")]
    [InlineData("Orders:Projections:BatchSize", "0", "expected at least 1")]
    [InlineData("Orders:Projections:BatchWindow", "soon", "expected a duration such as 00:00:05")]
    [InlineData("Orders:Projections:MaxRestartDelay", "00:00:00", "expected a duration above zero")]
    [InlineData("Orders:Messaging:RabbitMq", "http://broker", "expected an amqp:// or amqps:// URI")]
    [InlineData("Orders:Projections:Runner", "Everywhere", "expected one of Here, Lease")]
    [InlineData("Orders:Projections:LeaseSeconds", "1", "expected a whole number of seconds from 3 to 3600")]
    [InlineData("Orders:Projections:InstanceId", "a", "is not a setting")]
    [InlineData("Orders:InstanceId", " ", "expected a non-empty value")]
    [InlineData("Orders:Search:Shards", "3", "is not a setting; Orders:Search has Provider, Url, Index")]
    public void Each_bad_value_is_named_with_what_was_expected(string key, string value, string expected)
    {
        var error = Assert.Throws<OrdersConfigurationException>(() => OrdersConfiguration.Read(Configuration((key, value))));

        Assert.StartsWith("Configuration error: " + key, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Messaging_settings_are_checked_only_once_a_broker_is_named()
    {
        var off = OrdersConfiguration.Read(Configuration(("Orders:Messaging:Consumers", "0")));
        var on = () => OrdersConfiguration.Read(Configuration(("Orders:Messaging:RabbitMq", "amqp://localhost"), ("Orders:Messaging:Consumers", "0")));

        Assert.False(off.Messaging.Enabled);
        Assert.Contains("Orders:Messaging:Consumers is '0'", Assert.Throws<OrdersConfigurationException>(on).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_settings_the_host_runs_embedded_with_the_defaults_of_the_options()
    {
        var options = OrdersConfiguration.Read(Configuration());

        Assert.Equal((EventStoreProvider.Sqlite, DocumentsProvider.Sqlite, SearchProvider.Sqlite),
            (options.EventStore.Provider, options.Documents.Provider, options.Search.Provider));
        Assert.Equal("data/orders.db", options.Storage.Path);
        Assert.Equal(5001, options.Grpc.Port);
        Assert.Null(options.Admin.Key);
        Assert.Equal("orders.commands.dead-letter", options.Messaging.DeadLetterQueue);
    }

    [Fact]
    public void Settings_are_bound_whatever_their_case_and_the_container_sees_the_same_values()
    {
        var configuration = Configuration(
            ("orders:storage:path", "/var/lib/orders/log.db"),
            ("Orders:Projections:BatchWindow", "00:00:00.010"),
            ("Orders:Messaging:CommandQueue", "commands"),
            ("Orders:Admin:ApiKey", "  "));
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddOrdersOptions().BuildServiceProvider();

        var read = OrdersConfiguration.Read(configuration);
        var bound = services.GetRequiredService<IOptions<OrdersOptions>>().Value;

        foreach (var options in new[] { read, bound })
        {
            Assert.Equal("/var/lib/orders/log.db", options.Storage.Path);
            Assert.Equal(TimeSpan.FromMilliseconds(10), options.Projections.BatchWindow);
            Assert.Equal("commands.dead-letter", options.Messaging.DeadLetterQueue);
            Assert.Null(options.Admin.Key);
        }
    }

    [Fact]
    public void The_container_refuses_a_bad_value_too()
    {
        var configuration = Configuration(("Orders:Search:Url", "nowhere"));
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddOrdersOptions().BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<OrdersOptions>>().Value);

        Assert.Contains("Orders:Search:Url is 'nowhere'", error.Message, StringComparison.Ordinal);
    }

    static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
}
