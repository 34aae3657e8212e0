using Orders.EventStore.EventStoreDb;

namespace Orders.Specs.EventStoreDb;

public class EventStoreDbConnectionStringSpecs
{
    [Fact]
    public void An_insecure_single_node_is_reached_over_plain_http2()
    {
        var settings = EventStoreDbConnectionString.Parse("esdb://localhost:2113?tls=false");

        Assert.Equal("localhost", settings.Host);
        Assert.Equal(2113, settings.Port);
        Assert.False(settings.UseTls);
        Assert.Null(settings.Credentials);
        Assert.Equal(new Uri("http://localhost:2113/"), settings.Address);
    }

    [Fact]
    public void Tls_is_on_and_certificates_are_checked_unless_turned_off()
    {
        var secure = EventStoreDbConnectionString.Parse("esdb://db.example:2113");
        var unchecked_ = EventStoreDbConnectionString.Parse("esdb://db.example:2113?tls=true&tlsVerifyCert=false");

        Assert.True(secure.UseTls);
        Assert.True(secure.VerifyServerCertificate);
        Assert.Equal(new Uri("https://db.example:2113/"), secure.Address);
        Assert.True(unchecked_.UseTls);
        Assert.False(unchecked_.VerifyServerCertificate);
    }

    [Fact]
    public void Credentials_become_a_basic_authorization_header()
    {
        var settings = EventStoreDbConnectionString.Parse("esdb://admin:changeit@localhost:2113?tls=false");

        Assert.Equal(new EventStoreDbCredentials("admin", "changeit"), settings.Credentials);
        Assert.Equal("Basic YWRtaW46Y2hhbmdlaXQ=", settings.Credentials!.AuthorizationHeader);
        Assert.DoesNotContain("changeit", settings.Credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Escaped_characters_in_credentials_are_decoded()
    {
        var settings = EventStoreDbConnectionString.Parse("esdb://ops%40shop:p%3Ass@localhost");

        Assert.Equal(new EventStoreDbCredentials("ops@shop", "p:ss"), settings.Credentials);
    }

    [Fact]
    public void Of_several_hosts_the_first_is_used()
    {
        var settings = EventStoreDbConnectionString.Parse("esdb://node1:2111,node2:2112,node3:2113?tls=false");

        Assert.Equal(("node1", 2111), (settings.Host, settings.Port));
    }

    [Theory]
    [InlineData("esdb://localhost", "localhost", 2113)]
    [InlineData("esdb://localhost/", "localhost", 2113)]
    [InlineData("ESDB://127.0.0.1:1113", "127.0.0.1", 1113)]
    [InlineData("esdb://[::1]:2114?tls=false", "[::1]", 2114)]
    [InlineData("esdb://[::1]", "[::1]", 2113)]
    public void Host_and_port_are_read_with_2113_by_default(string connectionString, string host, int port)
    {
        var settings = EventStoreDbConnectionString.Parse(connectionString);

        Assert.Equal((host, port), (settings.Host, settings.Port));
    }

    [Fact]
    public void The_default_deadline_is_ten_seconds_unless_given_in_milliseconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), EventStoreDbConnectionString.Parse("esdb://localhost").DefaultDeadline);
        Assert.Equal(
            TimeSpan.FromMilliseconds(2500),
            EventStoreDbConnectionString.Parse("esdb://localhost?defaultDeadline=2500").DefaultDeadline);
    }

    [Fact]
    public void Keys_are_case_insensitive_and_settings_of_other_clients_are_tolerated()
    {
        var settings = EventStoreDbConnectionString.Parse(
            "esdb://localhost:2113?TLS=False&keepAliveInterval=10000&nodePreference=leader&connectionName=orders");

        Assert.False(settings.UseTls);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("   ", "it is empty")]
    [InlineData("http://localhost:2113", "it must start with esdb://")]
    [InlineData("localhost:2113", "it must start with esdb://")]
    [InlineData("esdb+discover://cluster.example:2113", "cluster discovery (esdb+discover://) is not supported")]
    [InlineData("esdb://", "no host is given")]
    [InlineData("esdb://:2113", "no host is given")]
    [InlineData("esdb://localhost:abc", "port 'abc' is not a number from 1 to 65535")]
    [InlineData("esdb://localhost:70000", "port '70000' is not a number from 1 to 65535")]
    [InlineData("esdb://localhost:2113/streams", "a path is not allowed after the host")]
    [InlineData("esdb://localhost?tls=maybe", "tls must be true or false, not 'maybe'")]
    [InlineData("esdb://localhost?tlsVerifyCert=0", "tlsVerifyCert must be true or false, not '0'")]
    [InlineData("esdb://localhost?defaultDeadline=-5", "defaultDeadline must be a positive number of milliseconds")]
    [InlineData("esdb://localhost?tls", "setting 'tls' must be written key=value")]
    [InlineData("esdb://localhost?colour=blue", "unknown setting 'colour' (supported: tls, tlsVerifyCert, defaultDeadline)")]
    [InlineData("esdb://admin@localhost", "credentials must be written user:password@")]
    public void A_malformed_connection_string_is_refused_with_the_reason(string connectionString, string reason)
    {
        var error = Assert.Throws<FormatException>(() => EventStoreDbConnectionString.Parse(connectionString));

        Assert.StartsWith("Invalid EventStoreDB connection string", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_connection_string_does_not_show_its_password()
    {
        var error = Assert.Throws<FormatException>(
            () => EventStoreDbConnectionString.Parse("esdb://admin:s3cret@localhost?tls=nope"));

        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.Contains("esdb://admin:***@localhost?tls=nope", error.Message, StringComparison.Ordinal);
    }
}
