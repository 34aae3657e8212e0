namespace Orders.Host.Health;

/// <summary>
/// EventStoreDB (and KurrentDB) serve <c>/health/live</c> over HTTP on the same port as gRPC. The first node of an
/// <c>esdb://</c> or <c>esdb+discover://</c> connection string is probed, over https unless <c>tls=false</c>.
/// </summary>
public static class EventStoreDbEndpoint
{
    const int DefaultPort = 2113;

    public static Uri HealthUri(string connectionString)
    {
        var afterScheme = connectionString[(connectionString.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var queryStart = afterScheme.IndexOf('?', StringComparison.Ordinal);
        var hosts = queryStart < 0 ? afterScheme : afterScheme[..queryStart];
        var query = queryStart < 0 ? "" : afterScheme[(queryStart + 1)..];

        var firstHost = hosts[(hosts.LastIndexOf('@') + 1)..].Split(',')[0].TrimEnd('/');
        var tls = !query.Split('&').Any(p => p.Equals("tls=false", StringComparison.OrdinalIgnoreCase));
        var authority = firstHost.Contains(':', StringComparison.Ordinal) ? firstHost : $"{firstHost}:{DefaultPort}";
        return new Uri($"{(tls ? "https" : "http")}://{authority}/health/live");
    }
}
