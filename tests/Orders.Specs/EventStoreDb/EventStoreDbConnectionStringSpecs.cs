using System.Net;
using Orders.EventStore.EventStoreDb;

namespace Orders.Specs.EventStoreDb;

public class EventStoreDbConnectionStringSpecs
{
    [Fact]
    public void An_insecure_single_node_is_reached_over_plain_http2()
    {
        var settings = EventStoreDbConnectionString.Parse("esdb://localhost:2113?tls=false");

        Assert.Equal([new DnsEndPoint("localhost", 2113)], settings.Seeds);
        Assert.False(settings.Discover);
        Assert.False(settings.UseTls);
        Assert.Null(settings.Credentials);
        Assert.Equal(new Uri("http://localhost:2113/"), settings.AddressOf(settings.Seeds[0]));
    }

    [Fact]
    public void Tls_is_on_and_certificates_are_checked_unless_turned_off()
    {
        var secure = EventStoreDbConnectionString.Parse("esdb://db.example:2113");
        var unchecked_ = EventStoreDbConnectionString.Parse("esdb://db.example:2113?tls=true&tlsVerifyCert=false");

        Assert.True(secure.UseTls);
        Assert.True(secure.VerifyServerCertificate);
        Assert.Equal(new Uri("https://db.example:2113/"), secure.AddressOf(secure.Seeds[0]));
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
    public void Several_hosts_are_gossip_seeds_asked_in_order()
    {
        var settings = EventStoreDbConnectionString.Parse("esdb://node1:2111,node2,node3:2113?tls=false");

        Assert.Equal(
            [new DnsEndPoint("node1", 2111), new DnsEndPoint("node2", 2113), new DnsEndPoint("node3", 2113)],
            settings.Seeds);
        Assert.True(settings.Discover);
    }

    [Fact]
    public void Discover_asks_the_named_host_for_the_cluster()
    {
        var settings = EventStoreDbConnectionString.Parse("esdb+discover://admin:changeit@cluster.example:2113");

        Assert.Equal([new DnsEndPoint("cluster.example", 2113)], settings.Seeds);
        Assert.True(settings.Discover);
        Assert.True(settings.UseTls);
        Assert.Equal("admin", settings.Credentials!.User);
    }

    [Fact]
    public void Discovery_settings_default_as_the_official_clients_do_unless_given()
    {
        var defaults = EventStoreDbConnectionString.Parse("esdb://a,b,c");
        var given = EventStoreDbConnectionString.Parse(
            "esdb://a,b,c?nodePreference=follower&maxDiscoverAttempts=3&discoveryInterval=250&gossipTimeout=1500&retryBudget=20000");

        Assert.Equal(
            (NodePreference.Leader, 10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)),
            (defaults.Preference, defaults.MaxDiscoverAttempts, defaults.DiscoveryInterval, defaults.GossipTimeout, defaults.RetryBudget));
        Assert.Equal(
            (NodePreference.Follower, 3, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(1500), TimeSpan.FromSeconds(20)),
            (given.Preference, given.MaxDiscoverAttempts, given.DiscoveryInterval, given.GossipTimeout, given.RetryBudget));
    }

    [Theory]
    [InlineData("leader", "Leader")]
    [InlineData("Follower", "Follower")]
    [InlineData("random", "Random")]
    [InlineData("readOnlyReplica", "ReadOnlyReplica")]
    public void Node_preference_is_read_whatever_its_case(string value, string preference) =>
        Assert.Equal(preference, EventStoreDbConnectionString.Parse($"esdb://a,b?nodePreference={value}").Preference.ToString());

    [Fact]
    public void A_private_certificate_authority_is_named_by_its_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            Assert.Equal(file, EventStoreDbConnectionString.Parse($"esdb://localhost?tlsCaFile={Uri.EscapeDataString(file)}").CaFile);
        }
        finally
        {
            File.Delete(file);
        }
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

        Assert.Equal(new DnsEndPoint(host, port), settings.Seeds.Single());
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
            "esdb://localhost:2113?TLS=False&keepAliveInterval=10000&NODEPREFERENCE=leader&connectionName=orders");

        Assert.False(settings.UseTls);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("   ", "it is empty")]
    [InlineData("http://localhost:2113", "it must start with esdb:// or esdb+discover://")]
    [InlineData("localhost:2113", "it must start with esdb:// or esdb+discover://")]
    [InlineData("esdb+discover://", "no host is given")]
    [InlineData("esdb://node1,,node3", "no host is given")]
    [InlineData("esdb://node1,node2:0", "port '0' is not a number from 1 to 65535")]
    [InlineData("esdb://", "no host is given")]
    [InlineData("esdb://:2113", "no host is given")]
    [InlineData("esdb://localhost:abc", "port 'abc' is not a number from 1 to 65535")]
    [InlineData("esdb://localhost:70000", "port '70000' is not a number from 1 to 65535")]
    [InlineData("esdb://localhost:2113/streams", "a path is not allowed after the host")]
    [InlineData("esdb://localhost?tls=maybe", "tls must be true or false, not 'maybe'")]
    [InlineData("esdb://localhost?tlsVerifyCert=0", "tlsVerifyCert must be true or false, not '0'")]
    [InlineData("esdb://localhost?defaultDeadline=-5", "defaultDeadline must be a positive number of milliseconds")]
    [InlineData("esdb://localhost?tls", "setting 'tls' must be written key=value")]
    [InlineData("esdb://localhost?colour=blue", "unknown setting 'colour' (supported: tls, tlsVerifyCert, tlsCaFile, nodePreference, maxDiscoverAttempts, discoveryInterval, gossipTimeout, defaultDeadline, retryBudget)")]
    [InlineData("esdb://a,b?nodePreference=nearest", "nodePreference must be leader, follower, random or readOnlyReplica, not 'nearest'")]
    [InlineData("esdb://a,b?maxDiscoverAttempts=0", "maxDiscoverAttempts must be a positive whole number, not '0'")]
    [InlineData("esdb://a,b?discoveryInterval=soon", "discoveryInterval must be a positive number of milliseconds, not 'soon'")]
    [InlineData("esdb://a,b?gossipTimeout=0", "gossipTimeout must be a positive number of milliseconds, not '0'")]
    [InlineData("esdb://a?retryBudget=-1", "retryBudget must be a positive number of milliseconds, not '-1'")]
    [InlineData("esdb://a?tlsCaFile=/nowhere/ca.crt", "tlsCaFile names '/nowhere/ca.crt', which is not a readable file")]
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
