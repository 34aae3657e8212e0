using System.Globalization;
using System.Net;

namespace Orders.EventStore.EventStoreDb;

/// <summary>
/// Reads the connection strings EventStoreDB users already have:
/// <c>esdb://[user:pass@]host[:port][,host2[:port]...][?key=value&amp;...]</c> names a single node, or gossip seeds when
/// it names several; <c>esdb+discover://[user:pass@]name[:port]</c> asks that name's gossip for the cluster. Each
/// refused value is reported with the key it was given for.
/// </summary>
internal static class EventStoreDbConnectionString
{
    private const string Scheme = "esdb://";
    private const string DiscoverScheme = "esdb+discover://";

    private static readonly string[] Supported =
    [
        "tls", "tlsVerifyCert", "tlsCaFile", "nodePreference", "maxDiscoverAttempts", "discoveryInterval",
        "gossipTimeout", "defaultDeadline", "retryBudget",
    ];

    /// <summary>Settings other clients understand that do not change how this client behaves.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase)
    {
        "connectionName", "keepAliveInterval", "keepAliveTimeout", "throwOnAppendFailure",
    };

    public static EventStoreDbSettings Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw Invalid("", "it is empty");

        var text = connectionString.Trim();
        var discover = text.StartsWith(DiscoverScheme, StringComparison.OrdinalIgnoreCase);
        if (!discover && !text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            throw Invalid(text, "it must start with esdb:// or esdb+discover://");

        var rest = text[(discover ? DiscoverScheme : Scheme).Length..];
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var authority = (queryStart < 0 ? rest : rest[..queryStart]).TrimEnd('/');
        var query = queryStart < 0 ? "" : rest[(queryStart + 1)..];

        if (authority.Contains('/', StringComparison.Ordinal))
            throw Invalid(text, "a path is not allowed after the host");

        var at = authority.LastIndexOf('@');
        var credentials = at < 0 ? null : ParseCredentials(text, authority[..at]);
        var seeds = authority[(at + 1)..].Split(',').Select(host => ParseHost(text, host.Trim())).ToList();

        var settings = new EventStoreDbSettings(
            seeds, Discover: discover || seeds.Count > 1, NodePreference.Leader, UseTls: true, VerifyServerCertificate: true,
            CaFile: null, credentials, EventStoreDbSettings.DefaultCallDeadline, EventStoreDbSettings.DefaultMaxDiscoverAttempts,
            EventStoreDbSettings.DefaultDiscoveryInterval, EventStoreDbSettings.DefaultGossipTimeout,
            EventStoreDbSettings.DefaultRetryBudget);
        foreach (var (key, value) in ParseQuery(text, query))
        {
            settings = key.ToLowerInvariant() switch
            {
                "tls" => settings with { UseTls = ParseBool(text, key, value) },
                "tlsverifycert" => settings with { VerifyServerCertificate = ParseBool(text, key, value) },
                "tlscafile" => settings with { CaFile = ParseFile(text, key, value) },
                "nodepreference" => settings with { Preference = ParsePreference(text, key, value) },
                "maxdiscoverattempts" => settings with { MaxDiscoverAttempts = ParsePositive(text, key, value) },
                "discoveryinterval" => settings with { DiscoveryInterval = ParseMilliseconds(text, key, value) },
                "gossiptimeout" => settings with { GossipTimeout = ParseMilliseconds(text, key, value) },
                "defaultdeadline" => settings with { DefaultDeadline = ParseMilliseconds(text, key, value) },
                "retrybudget" => settings with { RetryBudget = ParseMilliseconds(text, key, value) },
                _ when Ignored.Contains(key) => settings,
                _ => throw Invalid(text, $"unknown setting '{key}' (supported: {string.Join(", ", Supported)})"),
            };
        }
        return settings;
    }

    private static EventStoreDbCredentials ParseCredentials(string text, string userInfo)
    {
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == userInfo.Length - 1)
            throw Invalid(text, "credentials must be written user:password@");
        return new EventStoreDbCredentials(
            Uri.UnescapeDataString(userInfo[..colon]), Uri.UnescapeDataString(userInfo[(colon + 1)..]));
    }

    private static DnsEndPoint ParseHost(string text, string host)
    {
        if (host.Length == 0)
            throw Invalid(text, "no host is given");

        // A bracketed IPv6 literal carries colons of its own: [::1]:2113.
        var portSeparator = host.StartsWith('[')
            ? host.IndexOf("]:", StringComparison.Ordinal) is var close and >= 0 ? close + 1 : -1
            : host.LastIndexOf(':');
        if (portSeparator < 0)
            return new DnsEndPoint(host, EventStoreDbSettings.DefaultPort);

        var name = host[..portSeparator];
        var portText = host[(portSeparator + 1)..];
        if (name.Length == 0)
            throw Invalid(text, "no host is given");
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw Invalid(text, $"port '{portText}' is not a number from 1 to 65535");
        return new DnsEndPoint(name, port);
    }

    private static IEnumerable<(string Key, string Value)> ParseQuery(string text, string query)
    {
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw Invalid(text, $"setting '{pair}' must be written key=value");
            yield return (pair[..equals], Uri.UnescapeDataString(pair[(equals + 1)..]));
        }
    }

    private static bool ParseBool(string text, string key, string value) =>
        bool.TryParse(value, out var parsed) ? parsed : throw Invalid(text, $"{key} must be true or false, not '{value}'");

    private static NodePreference ParsePreference(string text, string key, string value) =>
        value.ToLowerInvariant() switch
        {
            "leader" => NodePreference.Leader,
            "follower" => NodePreference.Follower,
            "random" => NodePreference.Random,
            "readonlyreplica" => NodePreference.ReadOnlyReplica,
            _ => throw Invalid(text, $"{key} must be leader, follower, random or readOnlyReplica, not '{value}'"),
        };

    private static int ParsePositive(string text, string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw Invalid(text, $"{key} must be a positive whole number, not '{value}'");

    private static string ParseFile(string text, string key, string value) =>
        File.Exists(value) ? value : throw Invalid(text, $"{key} names '{value}', which is not a readable file");

    private static TimeSpan ParseMilliseconds(string text, string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : throw Invalid(text, $"{key} must be a positive number of milliseconds, not '{value}'");

    private static FormatException Invalid(string text, string reason) =>
        new($"Invalid EventStoreDB connection string '{WithoutPassword(text)}': {reason}.");

    /// <summary>Error messages end up in logs; the password must not.</summary>
    private static string WithoutPassword(string text)
    {
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (schemeEnd < 0 || at < schemeEnd)
            return text;
        var userInfo = text[(schemeEnd + 3)..at];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? text : $"{text[..(schemeEnd + 3)]}{userInfo[..colon]}:***{text[at..]}";
    }
}
