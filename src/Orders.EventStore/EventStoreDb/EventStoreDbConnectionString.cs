using System.Globalization;

namespace Orders.EventStore.EventStoreDb;

/// <summary>
/// Reads the connection strings EventStoreDB users already have: <c>esdb://[user:pass@]host[:port][,host2...][?key=value&amp;...]</c>.
/// Only the first host is used (a single node, or the one a load balancer answers on); cluster discovery
/// (<c>esdb+discover://</c>) is refused rather than silently half-supported.
/// </summary>
internal static class EventStoreDbConnectionString
{
    private const string Scheme = "esdb://";

    private static readonly string[] Supported = ["tls", "tlsVerifyCert", "defaultDeadline"];

    /// <summary>Settings other clients understand that do not change how this single-node client behaves.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase)
    {
        "connectionName", "nodePreference", "keepAliveInterval", "keepAliveTimeout", "maxDiscoverAttempts",
        "discoveryInterval", "gossipTimeout", "throwOnAppendFailure",
    };

    public static EventStoreDbSettings Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw Invalid("", "it is empty");

        var text = connectionString.Trim();
        if (text.StartsWith("esdb+discover://", StringComparison.OrdinalIgnoreCase))
            throw Invalid(text, "cluster discovery (esdb+discover://) is not supported; name one node as esdb://host:port");
        if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            throw Invalid(text, "it must start with esdb://");

        var rest = text[Scheme.Length..];
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var authority = (queryStart < 0 ? rest : rest[..queryStart]).TrimEnd('/');
        var query = queryStart < 0 ? "" : rest[(queryStart + 1)..];

        if (authority.Contains('/', StringComparison.Ordinal))
            throw Invalid(text, "a path is not allowed after the host");

        var at = authority.LastIndexOf('@');
        var credentials = at < 0 ? null : ParseCredentials(text, authority[..at]);
        var (host, port) = ParseFirstHost(text, authority[(at + 1)..]);

        var useTls = true;
        var verifyCertificate = true;
        var deadline = EventStoreDbSettings.DefaultCallDeadline;
        foreach (var (key, value) in ParseQuery(text, query))
        {
            if (key.Equals("tls", StringComparison.OrdinalIgnoreCase))
                useTls = ParseBool(text, key, value);
            else if (key.Equals("tlsVerifyCert", StringComparison.OrdinalIgnoreCase))
                verifyCertificate = ParseBool(text, key, value);
            else if (key.Equals("defaultDeadline", StringComparison.OrdinalIgnoreCase))
                deadline = ParseMilliseconds(text, key, value);
            else if (!Ignored.Contains(key))
                throw Invalid(text, $"unknown setting '{key}' (supported: {string.Join(", ", Supported)})");
        }

        return new EventStoreDbSettings(host, port, useTls, verifyCertificate, credentials, deadline);
    }

    private static EventStoreDbCredentials ParseCredentials(string text, string userInfo)
    {
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == userInfo.Length - 1)
            throw Invalid(text, "credentials must be written user:password@");
        return new EventStoreDbCredentials(
            Uri.UnescapeDataString(userInfo[..colon]), Uri.UnescapeDataString(userInfo[(colon + 1)..]));
    }

    private static (string Host, int Port) ParseFirstHost(string text, string hosts)
    {
        var first = hosts.Split(',')[0].Trim();
        if (first.Length == 0)
            throw Invalid(text, "no host is given");

        // A bracketed IPv6 literal carries colons of its own: [::1]:2113.
        var portSeparator = first.StartsWith('[')
            ? first.IndexOf("]:", StringComparison.Ordinal) is var close and >= 0 ? close + 1 : -1
            : first.LastIndexOf(':');
        if (portSeparator < 0)
            return (first, EventStoreDbSettings.DefaultPort);

        var host = first[..portSeparator];
        var portText = first[(portSeparator + 1)..];
        if (host.Length == 0)
            throw Invalid(text, "no host is given");
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw Invalid(text, $"port '{portText}' is not a number from 1 to 65535");
        return (host, port);
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
