using System.Net;

namespace Orders.EventStore.EventStoreDb;

/// <summary>
/// Where and how to reach EventStoreDB, as read from an <c>esdb://</c> or <c>esdb+discover://</c> connection string:
/// the nodes to start from, whether to ask them for the cluster's members, which member to prefer, and how every
/// call is secured and bounded.
/// </summary>
/// <param name="Seeds">The hosts named in the connection string, in order.</param>
/// <param name="Discover">Ask the seeds' gossip for the members (several seeds, or <c>esdb+discover://</c>); a single
/// <c>esdb://</c> host is talked to directly.</param>
/// <param name="CaFile">A PEM certificate that node certificates must chain to, for a private CA.</param>
/// <param name="RetryBudget">How long a call may keep retrying through failovers before it is reported unavailable.</param>
internal sealed record EventStoreDbSettings(
    IReadOnlyList<DnsEndPoint> Seeds,
    bool Discover,
    NodePreference Preference,
    bool UseTls,
    bool VerifyServerCertificate,
    string? CaFile,
    EventStoreDbCredentials? Credentials,
    TimeSpan DefaultDeadline,
    int MaxDiscoverAttempts,
    TimeSpan DiscoveryInterval,
    TimeSpan GossipTimeout,
    TimeSpan RetryBudget)
{
    public const int DefaultPort = 2113;
    public static readonly TimeSpan DefaultCallDeadline = TimeSpan.FromSeconds(10);
    public const int DefaultMaxDiscoverAttempts = 10;
    public static readonly TimeSpan DefaultDiscoveryInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan DefaultGossipTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultRetryBudget = TimeSpan.FromSeconds(10);

    /// <summary>The address of a node's gRPC (and HTTP) endpoint.</summary>
    public Uri AddressOf(DnsEndPoint node) =>
        new UriBuilder(UseTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, node.Host, node.Port).Uri;
}

/// <summary>Which member of a cluster a client talks to; writes and reads for deciding always go to the leader.</summary>
internal enum NodePreference { Leader, Follower, Random, ReadOnlyReplica }

/// <summary>Basic-auth credentials. The password never appears in <see cref="ToString"/>.</summary>
internal sealed record EventStoreDbCredentials(string User, string Password)
{
    public string AuthorizationHeader =>
        "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{User}:{Password}"));

    public override string ToString() => $"{User}:***";
}
